package cloud.hyperbyte.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hyperbyte render} with several {@code -f}, a directory, and {@code --output-dir}. */
class RenderSeveralInputsTest {

  private static final Path EXAMPLES = Path.of(System.getProperty("hyperbyte.project.dir", "..")).resolve("examples");
  private static final String INVALID = """
      apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
      kind: HyperbytedbCluster
      metadata: {name: db}
      spec:
        replicas: -1
      """;

  @TempDir Path dir;

  /** What {@code render -f FILE} alone prints. */
  private static String renderedAlone(Path file) {
    CliRun alone = CliRun.of("render", "-f", file.toString());
    assertThat(alone.exit()).as(file.toString()).isZero();
    return alone.out();
  }

  @Test
  void severalFilesRenderInTheOrderGiven() {
    Path three = EXAMPLES.resolve("three-node.yaml");
    Path single = EXAMPLES.resolve("single-node.yaml");

    CliRun run = CliRun.of("render", "-f", three.toString(), "-f", single.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo(renderedAlone(three) + renderedAlone(single));
  }

  @Test
  void aDirectoryRendersItsManifestsSortedByNameAndSkipsOtherFiles() throws IOException {
    Files.copy(EXAMPLES.resolve("three-node.yaml"), dir.resolve("b.yaml"));
    Files.copy(EXAMPLES.resolve("single-node.yaml"), dir.resolve("a.yml"));
    Files.writeString(dir.resolve("notes.txt"), "not a manifest");

    CliRun run = CliRun.of("render", "-f", dir.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo(renderedAlone(dir.resolve("a.yml")) + renderedAlone(dir.resolve("b.yaml")));
  }

  @Test
  void outputDirGetsOneFilePerInputNamedAfterItAndStdoutStaysEmpty() throws IOException {
    Files.copy(EXAMPLES.resolve("three-node.yaml"), dir.resolve("three.yaml"));
    Files.copy(EXAMPLES.resolve("single-node.yaml"), dir.resolve("single.json.yml"));
    Path target = dir.resolve("out/rendered");

    CliRun run = CliRun.of("render", "-f", dir.toString(), "--output-dir", target.toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEmpty();
    try (Stream<Path> written = Files.list(target)) {
      assertThat(written.map(p -> p.getFileName().toString()).sorted()).containsExactly("single.json.yaml", "three.yaml");
    }
    assertThat(Files.readString(target.resolve("three.yaml"))).isEqualTo(renderedAlone(dir.resolve("three.yaml")));
    assertThat(Files.readString(target.resolve("single.json.yaml")))
        .isEqualTo(renderedAlone(dir.resolve("single.json.yml")));
  }

  @Test
  void anInvalidInputAmongSeveralIsNamedAndNothingIsWritten() throws IOException {
    Files.copy(EXAMPLES.resolve("three-node.yaml"), dir.resolve("good.yaml"));
    Files.writeString(dir.resolve("bad.yaml"), INVALID);
    Path target = dir.resolve("out");

    CliRun run = CliRun.of("render", "-f", dir.resolve("good.yaml").toString(), "-f", dir.resolve("bad.yaml").toString(),
        "--output-dir", target.toString());

    assertThat(run.exit()).isEqualTo(RenderCommand.INVALID_MANIFEST);
    assertThat(run.err()).contains("error: " + dir.resolve("bad.yaml") + ": spec.replicas: ")
        .doesNotContain(dir.resolve("good.yaml").toString());
    assertThat(run.out()).isEmpty();
    assertThat(target).doesNotExist();
  }

  @Test
  void withoutOutputDirAnInvalidInputLeavesStdoutEmpty() throws IOException {
    Files.writeString(dir.resolve("bad.yaml"), INVALID);

    CliRun run = CliRun.of("render", "-f", EXAMPLES.resolve("three-node.yaml").toString(), "-f", dir.resolve("bad.yaml").toString());

    assertThat(run.exit()).isEqualTo(RenderCommand.INVALID_MANIFEST);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aMissingInputAmongSeveralExitsOneNamingIt() {
    CliRun run = CliRun.of("render", "-f", EXAMPLES.resolve("three-node.yaml").toString(), "-f", dir.resolve("gone.yaml").toString());

    assertThat(run.exit()).isEqualTo(RenderCommand.UNREADABLE_INPUT);
    assertThat(run.err()).contains("error: no such file: " + dir.resolve("gone.yaml"));
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aDirectoryWithoutManifestsExitsOne() throws IOException {
    Files.writeString(dir.resolve("README.md"), "# nothing here");

    CliRun run = CliRun.of("render", "-f", dir.toString());

    assertThat(run.exit()).isEqualTo(RenderCommand.UNREADABLE_INPUT);
    assertThat(run.err()).contains("error: directory " + dir + " holds no .yaml, .yml, .json file");
  }

  @Test
  void twoInputsWithTheSameOutputNameAreRefusedBeforeAnythingIsRendered() throws IOException {
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    Files.copy(EXAMPLES.resolve("three-node.yaml"), dir.resolve("a/db.yaml"));
    Files.copy(EXAMPLES.resolve("single-node.yaml"), dir.resolve("b/db.json"));

    CliRun run = CliRun.of("render", "-f", dir.resolve("a").toString(), "-f", dir.resolve("b").toString(),
        "--output-dir", dir.resolve("out").toString());

    assertThat(run.exit()).isEqualTo(RenderCommand.INVALID_MANIFEST);
    assertThat(run.err()).contains("would both be written to db.yaml");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void theEmbeddedExampleGoesToOutputDirUnderItsName() throws IOException {
    CliRun run = CliRun.of("render", "--example", "single-node", "--output-dir", dir.toString());

    assertThat(run.exit()).isZero();
    assertThat(Files.readString(dir.resolve("single-node.yaml"))).isEqualTo(renderedAlone(EXAMPLES.resolve("single-node.yaml")));
  }
}
