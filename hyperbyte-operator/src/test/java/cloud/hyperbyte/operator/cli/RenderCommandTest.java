package cloud.hyperbyte.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.render.HyperbyteRender;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hyperbyte render}: what lands on stdout and stderr, and the exit code. */
class RenderCommandTest {

  private static final Path EXAMPLES = Path.of(System.getProperty("hyperbyte.project.dir", "..")).resolve("examples");

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CliRun run = CliRun.of(args);
    out.write(run.out());
    err.write(run.err());
    return run.exit();
  }

  @Test
  void givenNoFileExpectTheEmbeddedThreeNodeExample() throws IOException {
    int code = run("render");

    assertThat(code).isZero();
    assertThat(out.toString())
        .isEqualTo(HyperbyteRender.fromManifest(Files.readString(EXAMPLES.resolve("three-node.yaml"))).yaml())
        .contains("kind: \"StatefulSet\"", "replicas: 3");
  }

  @Test
  void everyEmbeddedExampleIsTheCheckedInFile() throws IOException {
    for (String example : RenderCommand.EXAMPLES) {
      CliRun run = CliRun.of("render", "--example", example);

      assertThat(run.exit()).as(example).isZero();
      assertThat(run.out()).as(example)
          .isEqualTo(HyperbyteRender.fromManifest(Files.readString(EXAMPLES.resolve(example + ".yaml"))).yaml());
    }
  }

  @Test
  void givenAFileAndNamespaceExpectTheOverride() {
    int code = run("render", "-f", EXAMPLES.resolve("single-node.yaml").toString(), "-n", "staging", "--cluster-domain", "corp.internal");

    assertThat(code).isZero();
    assertThat(out.toString()).contains("namespace: \"staging\"").doesNotContain("namespace: \"hyperbytedb\"");
  }

  @Test
  void givenAnInvalidManifestExpectExitTwoEveryProblemOnStderrAndNothingOnStdout(@TempDir Path dir) throws IOException {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, """
        apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
        kind: HyperbytedbCluster
        metadata: {name: db, namespace: prod}
        spec:
          replicas: 3
          replica: 4
          cluster: {raftHeartbeatIntervalMs: 1000, raftElectionTimeoutMs: 1000}
          server: {tls: {enabled: true}}
        """);

    int code = run("render", "-f", bad.toString());

    assertThat(code).isEqualTo(RenderCommand.INVALID_MANIFEST);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .contains("error: spec.cluster.raftElectionTimeoutMs:")
        .contains("error: spec.server.tls")
        .contains("warning: spec.replica:");
  }

  @Test
  void givenAMissingFileExpectExitOneAndAMessage() {
    int code = run("render", "-f", "/nonexistent/cluster.yaml");

    assertThat(code).isEqualTo(RenderCommand.UNREADABLE_INPUT);
    assertThat(err.toString()).contains("no such file: /nonexistent/cluster.yaml");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void givenAnUnknownExampleExpectTheChoices() {
    int code = run("render", "--example", "nine-node");

    assertThat(code).isEqualTo(RenderCommand.UNREADABLE_INPUT);
    assertThat(err.toString()).contains("unknown example 'nine-node'", "three-node");
  }
}
