package cloud.hyperbyte.render.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableClusterSpec;
import cloud.hyperbyte.render.ClusterRenderer;
import cloud.hyperbyte.render.SpecVariants;
import cloud.hyperbyte.render.TestSpecs;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DeterminismTest {

  static List<org.junit.jupiter.params.provider.Arguments> specs() {
    return SpecVariants.arguments();
  }

  private static String yaml(ClusterSpec spec) {
    return YamlWriter.write(ClusterRenderer.render(spec).objects());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void givenTheSameSpecTwiceExpectByteIdenticalYaml(String name, ClusterSpec spec) {
    assertThat(yaml(spec)).isEqualTo(yaml(ImmutableClusterSpec.copyOf(spec)));
  }

  private static Map<String, String> ordered(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Test
  void givenMapsInsertedInDifferentOrdersExpectByteIdenticalYaml() {
    ImmutableClusterSpec forward =
        TestSpecs.highlyAvailable()
            .withPodLabels(ordered("a", "1", "b", "2", "c", "3"))
            .withPodAnnotations(ordered("x", "1", "y", "2", "z", "3"))
            .withNodeSelector(ordered("zone", "a", "disk", "ssd"))
            .withProxy(TestSpecs.proxy().withPodLabels(ordered("p", "1", "q", "2")));
    ImmutableClusterSpec backward =
        TestSpecs.highlyAvailable()
            .withPodLabels(ordered("c", "3", "b", "2", "a", "1"))
            .withPodAnnotations(ordered("z", "3", "y", "2", "x", "1"))
            .withNodeSelector(ordered("disk", "ssd", "zone", "a"))
            .withProxy(TestSpecs.proxy().withPodLabels(ordered("q", "2", "p", "1")));

    assertThat(yaml(forward)).isEqualTo(yaml(backward));
  }

  @Test
  void givenYamlExpectMultipleDocumentsWithQuotedStringsThatReadBack() {
    List<HasMetadata> objects = ClusterRenderer.render(TestSpecs.highlyAvailable()).objects();
    String yaml = YamlWriter.write(objects);

    assertThat(yaml.split("(?m)^---$")).hasSize(objects.size() + 1);
    assertThat(yaml).contains("name: \"db\"").contains("kind: \"StatefulSet\"").contains("grafana_dashboard: \"1\"");
    for (HasMetadata object : objects) {
      assertThat(YamlWriter.read(YamlWriter.write(object), object.getClass())).isEqualTo(object);
    }
  }
}
