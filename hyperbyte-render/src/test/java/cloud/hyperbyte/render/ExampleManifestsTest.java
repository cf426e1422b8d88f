package cloud.hyperbyte.render;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ManifestReader;
import cloud.hyperbyte.model.spec.Validated;
import cloud.hyperbyte.render.yaml.YamlWriter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checked-in example manifests go through the model's reader and factory and render: the seam
 * between the two modules. (Their golden YAML is checked elsewhere.)
 */
class ExampleManifestsTest {

  static Stream<Path> examples() throws IOException {
    Path dir = Path.of(System.getProperty("hyperbyte.project.dir", "..")).resolve("examples");
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
      assertThat(yaml).isNotEmpty();
      return yaml.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void givenAnExampleExpectAValidSpecThatRendersDeterministically(Path example) throws IOException {
    Validated<ClusterSpec> spec = ManifestReader.readClusterSpec(Files.readString(example), Optional.empty(), "cluster.local");

    assertThat(spec.errors()).as("problems in %s", example).isEmpty();
    List<HasMetadata> objects = ClusterRenderer.render(spec.orElseThrow()).objects();
    assertThat(objects).extracting(HasMetadata::getKind).contains("ConfigMap", "Service", "StatefulSet");
    assertThat(YamlWriter.write(objects)).isEqualTo(YamlWriter.write(ClusterRenderer.render(spec.orElseThrow()).objects()));
  }
}
