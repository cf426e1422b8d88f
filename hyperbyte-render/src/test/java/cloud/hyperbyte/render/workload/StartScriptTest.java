package cloud.hyperbyte.render.workload;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.render.TestSpecs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real start script under /bin/sh with a stand-in server binary that prints what it got. */
class StartScriptTest {

  @TempDir Path bin;

  private String run(ClusterSpec spec, String hostname) throws IOException, InterruptedException {
    return run(spec, hostname, StartScript.environment(spec));
  }

  private String run(ClusterSpec spec, String hostname, Map<String, String> containerEnv)
      throws IOException, InterruptedException {
    Path server = bin.resolve(StartScript.SERVER_BINARY);
    Files.writeString(
        server,
        "#!/bin/sh\n"
            + "echo \"args=$*\"\n"
            + "echo \"node_id=$HYPERBYTEDB__CLUSTER__NODE_ID\"\n"
            + "echo \"addr=$HYPERBYTEDB__CLUSTER__CLUSTER_ADDR\"\n"
            + "echo \"cert=$HYPERBYTEDB__SERVER__TLS_CERT_PATH\"\n"
            + "echo \"key=$HYPERBYTEDB__SERVER__TLS_KEY_PATH\"\n");
    Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwxr-xr-x"));
    ProcessBuilder builder = new ProcessBuilder(StartScript.command(spec)).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", bin + ":/usr/bin:/bin");
    builder.environment().putAll(containerEnv);
    builder.environment().put("HOSTNAME", hostname);
    Process process = builder.start();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void givenPodTwoExpectNodeThreeAndItsStableAddress() throws Exception {
    String out = run(TestSpecs.threeNode(), "db-2");

    assertThat(out)
        .contains("args=--config /etc/hyperbytedb/config.toml serve")
        .contains("node_id=3\n")
        .contains("addr=db-2.db-headless.prod.svc.cluster.local:8086\n")
        .contains("cert=\n");
  }

  @Test
  void givenAHyphenatedClusterNameExpectTheOrdinalFromTheLastSegment() throws Exception {
    String out = run(TestSpecs.threeNode().withName("my-db"), "my-db-0");

    assertThat(out).contains("node_id=1\n").contains("addr=my-db-0.my-db-headless.prod.svc.cluster.local:8086\n");
  }

  @Test
  void givenOperatorCaTlsExpectThePodsOwnCertificateFiles() throws Exception {
    String out = run(TestSpecs.tlsSingle(TlsMode.OPERATOR_CA), "db-0");

    assertThat(out)
        .contains("cert=/etc/hyperbytedb/tls/node-0.crt\n")
        .contains("key=/etc/hyperbytedb/tls/node-0.key\n");
  }

  @Test
  void givenCertManagerTlsExpectNoPerPodPaths() throws Exception {
    assertThat(run(TestSpecs.tlsSingle(TlsMode.CERT_MANAGER), "db-0")).contains("cert=\n");
  }

  /**
   * The spec factory refuses such domains up front; this shows that even a hostile value that got
   * past it would reach the shell only as data: the script text holds no rendered value.
   */
  @ParameterizedTest
  @ValueSource(strings = {"cluster.local\"; touch %s; echo \"", "x$(touch %s)", "`touch %s`", "a;touch %s"})
  void givenAHostileMemberDomainExpectNothingRunsAndTheValueStaysLiteral(String template) throws Exception {
    Path marker = bin.resolve("injected");
    String hostile = template.formatted(marker);
    ClusterSpec spec = TestSpecs.threeNode();

    String out = run(spec, "db-1", Map.of(StartScript.MEMBER_DOMAIN_ENV, hostile, StartScript.MEMBER_PORT_ENV, "8086"));

    assertThat(marker).doesNotExist();
    assertThat(out).contains("addr=db-1." + hostile + ":8086\n");
    assertThat(StartScript.script(spec)).doesNotContain("prod").doesNotContain("cluster.local");
  }
}
