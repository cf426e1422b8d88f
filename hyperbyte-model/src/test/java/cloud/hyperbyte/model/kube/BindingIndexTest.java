package cloud.hyperbyte.model.kube;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.crd.CrdSchemas;
import cloud.hyperbyte.model.crd.StructuralPruner;
import cloud.hyperbyte.model.manifest.ManifestDocument;
import cloud.hyperbyte.model.manifest.ManifestDocuments;
import cloud.hyperbyte.model.spec.Validated;
import cloud.hyperbyte.model.v1alpha1.BackupType;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.WireEnum;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed binding index is what the model's annotations give today, its shapes are the ones
 * {@link PlainBean#of} and {@link PlainEnum#of} compute, and binding through it binds what binding
 * from the annotations binds.
 */
class BindingIndexTest {

  private static final Path PROJECT = Path.of(System.getProperty("hyperbyte.project.dir", ".."));
  private static final Path INDEX_FILE =
      PROJECT.resolve("hyperbyte-model/src/main/resources/cloud/hyperbyte/model/kube/" + BindingIndex.RESOURCE);
  private static final String REGENERATE = "mvn -B verify -Dgolden.update=true";
  private static final String HEADER = "# PlainBinding's shapes of every class a HyperbytedbCluster reaches, from their Jackson\n"
      + "# annotations (BindingIndex.write); BindingIndexTest fails when they differ. Regenerate: " + REGENERATE + "\n";

  @Test
  void givenTheModelsAnnotationsExpectTheCommittedIndex() throws IOException {
    String generated = BindingIndex.write(HyperbytedbCluster.class, HEADER);

    // the golden files' switch: the same property rewrites this file
    if (Boolean.parseBoolean(System.getProperty("golden.update", "false"))) {
      Files.writeString(INDEX_FILE, generated, StandardCharsets.UTF_8);
      return;
    }
    assertThat(Files.isRegularFile(INDEX_FILE)).as("%s is missing; create it with: %s", INDEX_FILE, REGENERATE).isTrue();
    assertThat(generated).as("%s differs from the model's annotations; regenerate it with: %s", INDEX_FILE, REGENERATE)
        .isEqualTo(Files.readString(INDEX_FILE, StandardCharsets.UTF_8));
  }

  @Test
  void givenEveryIndexedClassExpectTheShapeItsAnnotationsGive() throws ReflectiveOperationException {
    BindingIndex index = BindingIndex.load();

    assertThat(index.classNames()).contains(HyperbytedbCluster.class.getName()).hasSizeGreaterThan(20);
    for (String name : index.classNames()) {
      Class<?> type = Class.forName(name);
      if (type.isEnum()) {
        assertThat(index.indexedEnum(type)).as(name).isEqualTo(PlainEnum.of(type));
      } else {
        assertThat(index.indexedBean(type)).as(name).isEqualTo(PlainBean.of(type));
      }
    }
  }

  @Test
  void givenTheModelsWireEnumsExpectTheSpellingsOfTheirAnnotations() throws ReflectiveOperationException {
    List<Class<?>> wireEnums = new ArrayList<>(List.of(BackupType.class));
    for (String name : BindingIndex.load().classNames()) {
      Class<?> type = Class.forName(name);
      if (WireEnum.class.isAssignableFrom(type)) {
        wireEnums.add(type);
      }
    }

    assertThat(wireEnums).hasSizeGreaterThan(5);
    for (Class<?> type : wireEnums) {
      for (Object constant : type.getEnumConstants()) {
        JsonProperty property = type.getField(((Enum<?>) constant).name()).getAnnotation(JsonProperty.class);
        String annotated = property == null ? ((Enum<?>) constant).name() : property.value();
        assertThat(((WireEnum) constant).wireValue()).as("%s.%s", type.getSimpleName(), constant).isEqualTo(annotated);
        assertThat(PlainBinding.spelling((Enum<?>) constant)).contains(annotated);
      }
    }
  }

  @Test
  void givenTheExamplesAndTheRenderCorpusExpectTheSameBindingAsFromTheAnnotations() throws IOException {
    PlainBinding reflective = new PlainBinding(BindingIndex.empty());
    List<Map<String, Object>> trees = documents(PROJECT.resolve("examples"));
    trees.addAll(documents(PROJECT.resolve("hyperbyte-operator/src/test/resources/render-corpus")));

    assertThat(trees).hasSizeGreaterThan(100);
    int bound = 0;
    for (Map<String, Object> tree : trees) {
      Optional<HyperbytedbCluster> indexed = PlainBinding.bind(tree, HyperbytedbCluster.class);
      Optional<HyperbytedbCluster> annotated = reflective.bound(tree, HyperbytedbCluster.class);
      assertThat(indexed.map(KubernetesJson.SERIALIZATION::asJson)).as(tree.toString())
          .isEqualTo(annotated.map(KubernetesJson.SERIALIZATION::asJson));
      bound += indexed.isPresent() ? 1 : 0;
    }
    assertThat(bound).isGreaterThan(trees.size() / 2);
  }

  /** The pruned trees of every HyperbytedbCluster in the YAML files under {@code folder} that parse. */
  private static List<Map<String, Object>> documents(Path folder) throws IOException {
    List<Map<String, Object>> trees = new ArrayList<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        Validated<List<ManifestDocument>> parsed = ManifestDocuments.parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        (parsed.isValid() ? parsed.orElseThrow() : List.<ManifestDocument>of()).stream()
            .filter(d -> d.kind().equals(HyperbytedbCluster.KIND) && !(d.tree().get("metadata") instanceof String))
            .forEach(d -> trees.add(StructuralPruner.prune(d.tree(),
                CrdSchemas.openApiSchemaNode("hyperbytedbclusters")).document()));
      }
    }
    return trees;
  }
}
