package cloud.hyperbyte.render.topology;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.render.TestSpecs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterLabelsTest {

  @Test
  void givenClusterExpectGoOperatorSelectorLabelsInOrder() {
    assertThat(ClusterLabels.selector("db"))
        .containsExactly(
            Map.entry("app.kubernetes.io/name", "hyperbytedb"),
            Map.entry("app.kubernetes.io/instance", "db"),
            Map.entry("app.kubernetes.io/managed-by", "hyperbytedb-operator"));
  }

  @Test
  void givenProxyExpectSelectorThatTheDatabaseSelectorNeverMatches() {
    Map<String, String> proxy = ClusterLabels.proxySelector("db");

    assertThat(proxy).containsEntry("app.kubernetes.io/name", "hyperbytedb-proxy");
    assertThat(proxy.entrySet()).doesNotContainAnyElementsOf(Map.of("app.kubernetes.io/name", "hyperbytedb").entrySet());
  }

  @Test
  void givenUserPodLabelsExpectOperatorLabelsToWinAndVersionAdded() {
    Map<String, String> user = new LinkedHashMap<>();
    user.put("team", "metrics");
    user.put("app.kubernetes.io/name", "mine");

    Map<String, String> pod = ClusterLabels.pod(TestSpecs.single().withPodLabels(user));

    assertThat(pod)
        .containsEntry("team", "metrics")
        .containsEntry("app.kubernetes.io/name", "hyperbytedb")
        .containsEntry("app.kubernetes.io/version", "0.8.5")
        .containsAllEntriesOf(ClusterLabels.selector("db"));
  }
}
