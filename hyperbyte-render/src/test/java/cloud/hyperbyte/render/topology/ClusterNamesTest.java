package cloud.hyperbyte.render.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterNamesTest {

  @Test
  void givenClusterNameExpectTheGoOperatorNames() {
    ClusterNames names = ClusterNames.of("hb");

    assertThat(names.statefulSet()).isEqualTo("hb");
    assertThat(names.headlessService()).isEqualTo("hb-headless");
    assertThat(names.clientService()).isEqualTo("hb");
    assertThat(names.configMap()).isEqualTo("hb-config");
    assertThat(names.podDisruptionBudget()).isEqualTo("hb-pdb");
    assertThat(names.horizontalPodAutoscaler()).isEqualTo("hb");
    assertThat(names.proxyDeployment()).isEqualTo("hb-proxy");
    assertThat(names.proxyService()).isEqualTo("hb-proxy");
    assertThat(names.tlsSecret()).isEqualTo("hb-tls");
    assertThat(names.caSecret()).isEqualTo("hb-ca");
    assertThat(names.serviceMonitor()).isEqualTo("hb");
    assertThat(names.prometheusRule()).isEqualTo("hb");
    assertThat(names.dashboardConfigMap()).isEqualTo("hb-dashboard");
    assertThat(names.dataPvc(2)).isEqualTo("data-hb-2");
    assertThat(names.pod(0)).isEqualTo("hb-0");
  }
}
