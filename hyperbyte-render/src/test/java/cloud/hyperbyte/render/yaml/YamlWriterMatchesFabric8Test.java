package cloud.hyperbyte.render.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.render.ClusterRenderer;
import cloud.hyperbyte.render.RandomSpecs;
import cloud.hyperbyte.render.SpecVariants;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * YamlWriter writes, without a Jackson mapper, the bytes fabric8's sorted serialization writes: for
 * every object of every spec variant and of seeded random specs, and for values the rendered objects
 * do not hold today (one-letter keys YAML 1.1 reads as booleans, nulls in maps, numbers, nested
 * generic content, multi-line and long strings). Rendered objects never need Jackson at all.
 */
class YamlWriterMatchesFabric8Test {

  private static final long SEED = 20261207L;

  private static String fabric8(HasMetadata object) {
    String yaml = YamlWriter.Jackson.SORTED.asYaml(object);
    return yaml.endsWith("\n") ? yaml : yaml + "\n";
  }

  /** A tree that fails on any value it would hand to Jackson. */
  private static final PlainTree WITHOUT_JACKSON = new PlainTree(value -> {
    throw new AssertionError("handed to Jackson: " + value.getClass().getName());
  });

  private static List<String> mismatches(List<ClusterSpec> specs) {
    List<String> mismatches = new ArrayList<>();
    for (ClusterSpec spec : specs) {
      for (HasMetadata object : ClusterRenderer.render(spec).objects()) {
        WITHOUT_JACKSON.of(object);
        if (!YamlWriter.write(object).equals(fabric8(object))) {
          mismatches.add(spec.name() + ": " + object.getKind() + " " + object.getMetadata().getName());
        }
      }
    }
    return mismatches;
  }

  @Test
  void givenEverySpecVariantExpectFabric8sBytes() {
    assertThat(mismatches(List.copyOf(SpecVariants.all().values()))).isEmpty();
  }

  @Test
  void givenSeededRandomSpecsExpectFabric8sBytes() {
    assertThat(mismatches(new RandomSpecs(SEED).draw(200))).isEmpty();
  }

  @Test
  void givenValuesNoRenderedObjectHoldsExpectFabric8sBytes() {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("y", "n");
    content.put("N", true);
    content.put("b", null);
    content.put("a", List.of(1, 2.5, 10_000_000_000L, Map.of("z", "yes", "on", "off")));
    content.put("text", "line one\nline two\n  indented\ttab \"quoted\" é \u0007");
    content.put("long", "word ".repeat(40));
    content.put("", "empty key");
    HasMetadata generic = new GenericKubernetesResourceBuilder()
        .withApiVersion("example.com/v1").withKind("Thing")
        .withNewMetadata().withName("t").addToLabels("b", "2").addToLabels("a", "1").endMetadata()
        .withAdditionalProperties(Map.of("spec", content, "status", Map.of()))
        .build();
    HasMetadata secret = new SecretBuilder().withNewMetadata().withName("s").endMetadata()
        .withImmutable(true).addToData("key", "dmFsdWU=").addToStringData("n", "").withType("Opaque").build();
    HasMetadata configMap = new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata()
        .addToBinaryData("bin", "AAEC").addToData("Y", "").build();

    for (HasMetadata object : List.of(generic, secret, configMap)) {
      assertThat(YamlWriter.write(object)).isEqualTo(fabric8(object));
    }
  }
}
