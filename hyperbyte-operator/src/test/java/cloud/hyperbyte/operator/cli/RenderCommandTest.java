package cloud.hyperbyte.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.render.HyperbyteRender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hyperbyte render}: what lands on stdout and stderr, and the exit code. */
class RenderCommandTest {

  private static final Path EXAMPLES = Path.of(System.getProperty("hyperbyte.project.dir", "..")).resolve("examples");

  @Test
  void givenNoFileExpectTheEmbeddedThreeNodeExample() throws IOException {
    CliRun run = CliRun.of("render");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
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
    CliRun run = CliRun.of("render", "-f", EXAMPLES.resolve("single-node.yaml").toString(), "-n", "staging", "--cluster-domain", "corp.internal");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("namespace: \"staging\"").doesNotContain("namespace: \"hyperbytedb\"");
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

    CliRun run = CliRun.of("render", "-f", bad.toString());

    assertThat(run.exit()).isEqualTo(RenderCommand.INVALID_MANIFEST);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains("error: spec.cluster.raftElectionTimeoutMs:")
        .contains("error: spec.server.tls")
        .contains("warning: spec.replica:");
  }

  @Test
  void givenAMissingFileExpectExitOneAndAMessage() {
    CliRun run = CliRun.of("render", "-f", "/nonexistent/cluster.yaml");

    assertThat(run.exit()).isEqualTo(RenderCommand.UNREADABLE_INPUT);
    assertThat(run.err()).contains("no such file: /nonexistent/cluster.yaml");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void givenAnUnknownExampleExpectTheChoices() {
    CliRun run = CliRun.of("render", "--example", "nine-node");

    assertThat(run.exit()).isEqualTo(RenderCommand.UNREADABLE_INPUT);
    assertThat(run.err()).contains("unknown example 'nine-node'", "three-node");
  }
}
