package cloud.hyperbyte.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NodeCertificateKeysTest {

  @Test
  void givenClusterName_expectSecretNamesAndKeys() {
    assertThat(NodeCertificateKeys.secretName("hb")).isEqualTo("hb-tls");
    assertThat(CaSecretKeys.secretName("hb")).isEqualTo("hb-ca");
    assertThat(NodeCertificateKeys.CA_CERT).isEqualTo("ca.crt");
    assertThat(NodeCertificateKeys.certKey(12)).isEqualTo("node-12.crt");
    assertThat(NodeCertificateKeys.keyKey(12)).isEqualTo("node-12.key");
    assertThat(CaSecretKeys.CA_CERT).isEqualTo("ca.crt");
    assertThat(CaSecretKeys.CA_KEY).isEqualTo("ca.key");
  }

  @Test
  void givenPodHostname_expectShellExportsPointAtThatOrdinalsFiles() throws Exception {
    String script =
        NodeCertificateKeys.shellExports()
            + "echo \"$HYPERBYTEDB__SERVER__TLS_CERT_PATH\"\n"
            + "echo \"$HYPERBYTEDB__SERVER__TLS_KEY_PATH\"\n";

    assertThat(runSh(script, "my-cluster-12"))
        .isEqualTo(
            "/etc/hyperbytedb/tls/node-12.crt\n" + "/etc/hyperbytedb/tls/node-12.key\n");
  }

  private static String runSh(String script, String hostname)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", script);
    builder.environment().put("HOSTNAME", hostname);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    return output;
  }
}
