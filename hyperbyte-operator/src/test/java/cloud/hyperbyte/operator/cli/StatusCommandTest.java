package cloud.hyperbyte.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code hyperbyte status} when it cannot read: one line on stderr and exit 1, or a usage error. */
class StatusCommandTest {

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    CommandLine cli = HyperbyteCommand.commandLine(new ProcessEnvironment(env, Path::of));
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  private int port;

  /** A kubeconfig whose server is a local port nothing listens on. */
  private Path unreachableKubeconfig() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return Files.writeString(dir.resolve("config"), """
        apiVersion: v1
        kind: Config
        clusters: [{name: gone, cluster: {server: "http://127.0.0.1:%d"}}]
        users: [{name: u, user: {token: t}}]
        contexts: [{name: gone, context: {cluster: gone, user: u, namespace: prod}}]
        current-context: gone
        """.formatted(port));
  }

  @Test
  void anUnreachableApiServerIsOneLineAndExitOne() throws IOException {
    int code = run(Map.of(), "status", "db", "--kubeconfig", unreachableKubeconfig().toString());

    assertThat(code).isEqualTo(StatusCommand.NOT_READ);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines()).singleElement().asString()
        .startsWith("error: could not read HyperbytedbCluster prod/db from http://127.0.0.1:" + port + "/: ")
        .doesNotContain("Exception", "at io.fabric8");
  }

  @Test
  void theKubeconfigComesFromKubeconfigInTheEnvironmentWhenNoFlagNamesOne() throws IOException {
    Path config = unreachableKubeconfig();

    int code = run(Map.of("KUBECONFIG", config.toString()), "status", "db");

    assertThat(code).isEqualTo(StatusCommand.NOT_READ);
    assertThat(err.toString()).as("the server and namespace of that file's context")
        .startsWith("error: could not read HyperbytedbCluster prod/db from http://127.0.0.1:" + port + "/: ");
  }

  @Test
  void aMissingKubeconfigFileIsAUsageError() {
    int code = run(Map.of(), "status", "db", "--kubeconfig", dir.resolve("nope").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--kubeconfig: no such file: " + dir.resolve("nope"));
  }

  @Test
  void withoutANameItIsAUsageError() {
    int code = run(Map.of(), "status");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required parameter: 'NAME'");
  }

  @Test
  void anUnknownOutputFormatIsAUsageErrorNamingTheChoices() {
    int code = run(Map.of(), "status", "db", "-o", "yaml");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("TABLE", "JSON");
  }
}
