package cloud.hyperbyte.model.kube;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.crd.CrdSchemas;
import cloud.hyperbyte.model.crd.StructuralPruner;
import cloud.hyperbyte.model.manifest.ManifestDocument;
import cloud.hyperbyte.model.manifest.ManifestDocuments;
import cloud.hyperbyte.model.spec.Validated;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plain binding gives the object Jackson gives, or nothing: over the examples, the command
 * line's render corpus (valid and refused manifests) and cases chosen to need Jackson's coercions
 * or errors. "The same object" is compared as fabric8 serializes it.
 */
class PlainBindingTest {

  private static final Path PROJECT = Path.of(System.getProperty("hyperbyte.project.dir", ".."));

  private static Map<String, Object> pruned(Map<String, Object> tree) {
    return StructuralPruner.prune(tree, CrdSchemas.openApiSchemaNode("hyperbytedbclusters")).document();
  }

  /** The pruned trees of every HyperbytedbCluster in the YAML files under {@code folder} that parse. */
  private static List<Map<String, Object>> documents(Path folder) throws IOException {
    List<Map<String, Object>> trees = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        Validated<List<ManifestDocument>> parsed = ManifestDocuments.parse(text);
        (parsed.isValid() ? parsed.orElseThrow() : List.<ManifestDocument>of()).stream()
            .filter(d -> d.kind().equals(HyperbytedbCluster.KIND) && !(d.tree().get("metadata") instanceof String))
            .forEach(d -> trees.add(pruned(d.tree())));
      }
    }
    return trees;
  }

  /** Where the plain binding and Jackson disagree: a different object, or a binding where Jackson fails. */
  private static List<String> disagreements(List<Map<String, Object>> trees) {
    List<String> disagreements = new ArrayList<>();
    for (Map<String, Object> tree : trees) {
      Optional<HyperbytedbCluster> plain = PlainBinding.bind(tree, HyperbytedbCluster.class);
      String jackson;
      try {
        jackson = KubernetesJson.SERIALIZATION.asJson(
            KubernetesJson.SERIALIZATION.convertValue(tree, HyperbytedbCluster.class));
      } catch (RuntimeException e) {
        jackson = "fails";
      }
      if (plain.isPresent() && !KubernetesJson.SERIALIZATION.asJson(plain.get()).equals(jackson)) {
        disagreements.add(tree + " -> " + jackson);
      }
    }
    return disagreements;
  }

  @Test
  void givenTheExamplesExpectJacksonsObjectWithoutJackson() throws IOException {
    List<Map<String, Object>> examples = documents(PROJECT.resolve("examples"));

    assertThat(examples).hasSizeGreaterThan(3)
        .allSatisfy(tree -> assertThat(PlainBinding.bind(tree, HyperbytedbCluster.class)).isPresent());
    assertThat(disagreements(examples)).isEmpty();
  }

  @Test
  void givenTheRenderCorpusExpectJacksonsObjectOrNothing() throws IOException {
    List<Map<String, Object>> corpus =
        documents(PROJECT.resolve("hyperbyte-operator/src/test/resources/render-corpus"));

    assertThat(corpus).hasSizeGreaterThan(100);
    assertThat(disagreements(corpus)).isEmpty();
  }

  @Test
  void givenEmbeddedKubernetesTypesExpectJacksonsObject() {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("replicas", 3);
    spec.put("imagePullPolicy", "IfNotPresent");
    spec.put("resources", Map.of("requests", Map.of("cpu", "500m", "memory", "1Gi"), "limits", Map.of("memory", "2Gi")));
    spec.put("tolerations", List.of(Map.of("key", "dedicated", "operator", "Equal", "value", "db",
        "effect", "NoSchedule", "tolerationSeconds", 30)));
    spec.put("topologySpreadConstraints", List.of(Map.of("maxSkew", 1, "topologyKey", "zone",
        "whenUnsatisfiable", "DoNotSchedule", "labelSelector", Map.of("matchLabels", Map.of("app", "db")))));
    spec.put("affinity", Map.of("podAntiAffinity", Map.of("preferredDuringSchedulingIgnoredDuringExecution",
        List.of(Map.of("weight", 100, "podAffinityTerm", Map.of("topologyKey", "kubernetes.io/hostname"))))));
    spec.put("podLabels", Map.of("team", "a"));
    Map<String, Object> tree = Map.of("apiVersion", HyperbytedbCluster.API_VERSION, "kind", HyperbytedbCluster.KIND,
        "metadata", Map.of("name", "db", "namespace", "ns", "labels", Map.of("a", "b")), "spec", spec);

    assertThat(PlainBinding.bind(tree, HyperbytedbCluster.class)).isPresent();
    assertThat(disagreements(List.of(tree))).isEmpty();
  }

  @Test
  void givenValuesJacksonCoercesOrRefusesExpectNothing() {
    List<Map<String, Object>> specs = List.of(
        Map.of("replicas", "3"),
        Map.of("replicas", 10_000_000_000L),
        Map.of("paused", "true"),
        Map.of("imagePullPolicy", "ifnotpresent"),
        Map.of("image", 5),
        Map.of("noSuchField", 1),
        Map.of("tolerations", Map.of("key", "a")),
        Map.of("resources", Map.of("requests", Map.of("cpu", 1))));

    for (Map<String, Object> spec : specs) {
      Map<String, Object> tree = Map.of("metadata", Map.of("name", "db"), "spec", spec);
      assertThat(PlainBinding.bind(tree, HyperbytedbCluster.class)).as(spec.toString()).isEmpty();
    }
  }
}
