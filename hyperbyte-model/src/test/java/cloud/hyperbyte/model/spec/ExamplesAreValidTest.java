package cloud.hyperbyte.model.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExamplesAreValidTest {

  static Stream<Path> examples() throws IOException {
    Path folder = Path.of(System.getProperty("hyperbyte.project.dir", ".."), "examples");
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyClusterExampleIsValidWithoutWarnings(Path example) throws IOException {
    Validated<ClusterSpec> result =
        ManifestReader.readClusterSpec(Files.readString(example), Optional.empty(), "cluster.local");

    assertThat(result.problems()).as(example.toString()).isEmpty();
    assertThat(result.isValid()).isTrue();
  }
}
