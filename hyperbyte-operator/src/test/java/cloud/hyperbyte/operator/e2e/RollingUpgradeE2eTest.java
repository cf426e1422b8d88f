package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

class RollingUpgradeE2eTest extends OperatorE2eTest {

  @Test
  void aVersionChangeRestartsOneMemberAtATimeWithTheLeaderLast() {
    create(Manifests.cluster("hdb", 3));
    awaitRunning("hdb", 3);
    long leader = sim.database(NS, "hdb").flatMap(db -> db.raft()).orElseThrow().leader().orElseThrow();
    int replacedBefore = history.replacements().size();

    try (DisruptionMonitor monitor = new DisruptionMonitor(sim, NS, "hdb", 3, 3)) {
      edit("hdb", c -> {
        c.getSpec().setVersion("0.8.6");
        return c;
      });
      eventually().until(() -> history.replacementsSince(replacedBefore).size() == 3);
      awaitRunning("hdb", 3);

      assertThat(monitor.maxOut()).as("members out together: %s", monitor.history()).isEqualTo(1);
    }
    assertThat(history.replacementsSince(replacedBefore)).hasSize(3).doesNotHaveDuplicates()
        .endsWith("hdb-" + (leader - 1));
    assertThat(history.phases("hdb")).containsSubsequence("Running", "Upgrading", "Running");
    for (int ordinal = 0; ordinal < 3; ordinal++) {
      Pod pod = pod("hdb-" + ordinal);
      assertThat(pod.getSpec().getContainers().get(0).getImage()).endsWith(":0.8.6");
    }
    assertThat(voters("hdb")).containsExactly(1L, 2L, 3L);
    assertThat(status("hdb").getCurrentVersion()).isEqualTo("0.8.6");
  }

  @Test
  @Disabled("""
      status bug: in the pass that applies the new pod template, ClusterStatusDeriver sees the pre-apply StatefulSet
      (RollingUpgradeDecision.stale(observed) is empty, no upgrade in memory, all pods ready), so it writes
      phase Running and currentVersion = the new version for the new generation before any member restarted.
      Phase should be Upgrading and currentVersion the old version until every member runs the new one.""")
  void theStatusKeepsTheOldVersionAndSaysUpgradingUntilEveryMemberRunsTheNewOne() {
    create(Manifests.cluster("hdb", 3));
    awaitRunning("hdb", 3);
    int replacedBefore = history.replacements().size();

    edit("hdb", c -> {
      c.getSpec().setVersion("0.8.6");
      return c;
    });
    eventually().until(() -> status("hdb").getObservedGeneration().equals(cluster("hdb").getMetadata().getGeneration()));

    assertThat(history.replacementsSince(replacedBefore)).hasSizeLessThan(3);
    assertThat(status("hdb").getPhase()).isEqualTo("Upgrading");
    assertThat(status("hdb").getCurrentVersion()).isEqualTo("0.8.5");
  }

  @Test
  @Disabled("""
      missing wiring: HttpProxyAdmin calls http://<proxy pod IP>:<adminPort> and Operator builds it itself, so the
      simulated proxies (SimulatedCluster.proxyAdminAddressOfIp) cannot be reached. Needs a replaceable proxy
      address resolver (ProxyEndpoint -> URI) in HttpProxyAdmin, passed through the Operator constructor like
      PodAddressResolver.""")
  void withAProxyEachMemberIsExcludedBeforeItRestartsAndIncludedAfter() {
    create(Manifests.cluster("hdb", 3, """
        proxy:
          enabled: true
          replicas: 1
        """));
    awaitRunning("hdb", 3);

    edit("hdb", c -> {
      c.getSpec().setVersion("0.8.6");
      return c;
    });
    eventually().until(() -> "0.8.6".equals(status("hdb").getCurrentVersion()));

    assertThat(sim.proxyCalls()).extracting(ProxyCallView::of)
        .filteredOn(call -> call.startsWith("exclude")).hasSize(3);
    assertThat(sim.proxyCalls()).extracting(ProxyCallView::of)
        .filteredOn(call -> call.startsWith("include")).hasSize(3);
  }

  /** A proxy call as "action status". */
  private static final class ProxyCallView {
    static String of(cloud.hyperbyte.testkit.cluster.ProxyCall call) {
      return call.action() + " " + call.status();
    }
  }
}
