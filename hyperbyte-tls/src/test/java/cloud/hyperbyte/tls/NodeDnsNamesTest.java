package cloud.hyperbyte.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeDnsNamesTest {

  @Test
  void givenNoProxy_expectPodFqdnClientServiceFormsAndLocalhost() {
    assertThat(NodeDnsNames.forNode("hb", "prod", "cluster.local", 2, false))
        .containsExactly(
            "hb-2.hb-headless.prod.svc.cluster.local",
            "hb",
            "hb.prod",
            "hb.prod.svc",
            "hb.prod.svc.cluster.local",
            "localhost");
  }

  @Test
  void givenProxy_expectProxyServiceFormsAfterClientService() {
    assertThat(NodeDnsNames.forNode("hb", "prod", "corp.example", 0, true))
        .containsExactly(
            "hb-0.hb-headless.prod.svc.corp.example",
            "hb",
            "hb.prod",
            "hb.prod.svc",
            "hb.prod.svc.corp.example",
            "hb-proxy",
            "hb-proxy.prod",
            "hb-proxy.prod.svc",
            "hb-proxy.prod.svc.corp.example",
            "localhost");
  }

  @Test
  void givenNegativeOrdinal_expectRejection() {
    assertThatThrownBy(() -> NodeDnsNames.forNode("hb", "prod", "cluster.local", -1, false))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
