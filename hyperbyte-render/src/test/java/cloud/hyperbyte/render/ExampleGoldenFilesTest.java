package cloud.hyperbyte.render;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ManifestReader;
import cloud.hyperbyte.render.yaml.YamlWriter;
import cloud.hyperbyte.testkit.golden.GoldenFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The YAML each example manifest renders to, byte for byte, kept in
 * {@code src/test/resources/golden/<example>.yaml}. A change to render shows up here as a reviewed
 * diff; regenerate with {@code mvn -B verify -Dgolden.update=true}.
 */
class ExampleGoldenFilesTest {

  private static final Path GOLDEN_DIR = Path.of(System.getProperty("hyperbyte.project.dir", ".."))
      .resolve("hyperbyte-render/src/test/resources/golden");

  static java.util.stream.Stream<Path> examples() throws IOException {
    return ExampleManifestsTest.examples();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void givenAnExampleExpectTheGoldenYaml(Path example) throws IOException {
    ClusterSpec spec = ManifestReader.readClusterSpec(Files.readString(example), Optional.empty(), "cluster.local").orElseThrow();

    String yaml = YamlWriter.write(ClusterRenderer.render(spec).objects());

    GoldenFiles.assertMatches(GOLDEN_DIR.resolve(example.getFileName()), yaml);
  }
}
