package cloud.hyperbyte.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
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

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CliRun run = CliRun.of(args);
    out.write(run.out());
    err.write(run.err());
    return run.exit();
  }

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

    int code = run("render", "-f", three.toString(), "-f", single.toString());

    assertThat(code).isZero();
    assertThat(out.toString()).isEqualTo(renderedAlone(three) + renderedAlone(single));
  }

  @Test
  void aDirectoryRendersItsManifestsSortedByNameAndSkipsOtherFiles() throws IOException {
    Files.copy(EXAMPLES.resolve("three-node.yaml"), dir.resolve("b.yaml"));
    Files.copy(EXAMPLES.resolve("single-node.yaml"), dir.resolve("a.yml"));
    Files.writeString(dir.resolve("notes.txt"), "not a manifest");

    int code = run("render", "-f", dir.toString());

    assertThat(code).isZero();
    assertThat(out.toString()).isEqualTo(renderedAlone(dir.resolve("a.yml")) + renderedAlone(dir.resolve("b.yaml")));
  }

  @Test
  void outputDirGetsOneFilePerInputNamedAfterItAndStdoutStaysEmpty() throws IOException {
    Files.copy(EXAMPLES.resolve("three-node.yaml"), dir.resolve("three.yaml"));
    Files.copy(EXAMPLES.resolve("single-node.yaml"), dir.resolve("single.json.yml"));
    Path target = dir.resolve("out/rendered");

    int code = run("render", "-f", dir.toString(), "--output-dir", target.toString());

    assertThat(code).isZero();
    assertThat(out.toString()).isEmpty();
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

    int code = run("render", "-f", dir.resolve("good.yaml").toString(), "-f", dir.resolve("bad.yaml").toString(),
        "--output-dir", target.toString());

    assertThat(code).isEqualTo(RenderCommand.INVALID_MANIFEST);
    assertThat(err.toString()).contains("error: " + dir.resolve("bad.yaml") + ": spec.replicas: ")
        .doesNotContain(dir.resolve("good.yaml").toString());
    assertThat(out.toString()).isEmpty();
    assertThat(target).doesNotExist();
  }

  @Test
  void withoutOutputDirAnInvalidInputLeavesStdoutEmpty() throws IOException {
    Files.writeString(dir.resolve("bad.yaml"), INVALID);

    int code = run("render", "-f", EXAMPLES.resolve("three-node.yaml").toString(), "-f", dir.resolve("bad.yaml").toString());

    assertThat(code).isEqualTo(RenderCommand.INVALID_MANIFEST);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aMissingInputAmongSeveralExitsOneNamingIt() {
    int code = run("render", "-f", EXAMPLES.resolve("three-node.yaml").toString(), "-f", dir.resolve("gone.yaml").toString());

    assertThat(code).isEqualTo(RenderCommand.UNREADABLE_INPUT);
    assertThat(err.toString()).contains("error: no such file: " + dir.resolve("gone.yaml"));
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aDirectoryWithoutManifestsExitsOne() throws IOException {
    Files.writeString(dir.resolve("README.md"), "# nothing here");

    int code = run("render", "-f", dir.toString());

    assertThat(code).isEqualTo(RenderCommand.UNREADABLE_INPUT);
    assertThat(err.toString()).contains("error: directory " + dir + " holds no .yaml, .yml, .json file");
  }

  @Test
  void twoInputsWithTheSameOutputNameAreRefusedBeforeAnythingIsRendered() throws IOException {
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    Files.copy(EXAMPLES.resolve("three-node.yaml"), dir.resolve("a/db.yaml"));
    Files.copy(EXAMPLES.resolve("single-node.yaml"), dir.resolve("b/db.json"));

    int code = run("render", "-f", dir.resolve("a").toString(), "-f", dir.resolve("b").toString(),
        "--output-dir", dir.resolve("out").toString());

    assertThat(code).isEqualTo(RenderCommand.INVALID_MANIFEST);
    assertThat(err.toString()).contains("would both be written to db.yaml");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void theEmbeddedExampleGoesToOutputDirUnderItsName() throws IOException {
    int code = run("render", "--example", "single-node", "--output-dir", dir.toString());

    assertThat(code).isZero();
    assertThat(Files.readString(dir.resolve("single-node.yaml"))).isEqualTo(renderedAlone(EXAMPLES.resolve("single-node.yaml")));
  }
}
