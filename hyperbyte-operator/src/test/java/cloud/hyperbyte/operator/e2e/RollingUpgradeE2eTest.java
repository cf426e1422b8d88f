package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.operator.e2e.ClusterHistory.StatusSeen;
import cloud.hyperbyte.reconcile.apply.FieldManager;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RollingUpgradeE2eTest extends OperatorE2eTest {

  @Test
  void aVersionChangeRestartsOneMemberAtATimeWithTheLeaderLast() {
    create(Manifests.cluster("hdb", 3));
    awaitRunning("hdb", 3);

    RollingRestart roll = rollThreeMembers(() -> setVersion("hdb", "0.8.6"));

    assertThat(roll.announced()).hasSize(3).allSatisfy(e -> assertThat(e.message()).endsWith("; reason: version"));
    for (int ordinal = 0; ordinal < 3; ordinal++) {
      Pod pod = pod("hdb-" + ordinal);
      assertThat(pod.getSpec().getContainers().get(0).getImage()).endsWith(":0.8.6");
    }
    assertThat(voters("hdb")).containsExactly(1L, 2L, 3L);
    assertThat(status("hdb").getCurrentVersion()).isEqualTo("0.8.6");
  }

  /**
   * Issue 16, item 2: with node 2 (hdb-1) leading, the partition used to restart hdb-2, hdb-1, hdb-0,
   * the leader second. Under OnDelete the operator deletes the pods itself and the leader goes last.
   */
  @Test
  void withNodeTwoLeadingTheLeaderRestartsLast() {
    create(Manifests.cluster("hdb", 3));
    awaitRunning("hdb", 3);
    sim.database(NS, "hdb").flatMap(db -> db.raft()).orElseThrow().transferLeadership(2);
    int replacedBefore = history.replacements().size();

    try (DisruptionMonitor monitor = new DisruptionMonitor(sim, NS, "hdb", 3, 3)) {
      setVersion("hdb", "0.8.6");
      eventually().until(() -> history.replacementsSince(replacedBefore).size() == 3);
      awaitRunning("hdb", 3);

      assertThat(monitor.maxOut()).as("members out together: %s", monitor.history()).isEqualTo(1);
    }
    assertThat(history.replacementsSince(replacedBefore)).containsExactly("hdb-2", "hdb-0", "hdb-1");
    assertThat(user.apps().statefulSets().inNamespace(NS).withName("hdb").get().getSpec().getUpdateStrategy()
        .getType()).isEqualTo("OnDelete");
  }

  /**
   * Leadership moves from node 1 to node 2 (hdb-1, still on the old version) while hdb-2 restarts:
   * hdb-1 is now the leader and goes last, hdb-0 (no longer leading) before it.
   */
  @Test
  void leadershipMovingToAnotherStaleMemberMidUpgradeSendsThatMemberLast() {
    create(Manifests.cluster("hdb", 3));
    awaitRunning("hdb", 3);
    int replacedBefore = history.replacements().size();

    try (DisruptionMonitor monitor = new DisruptionMonitor(sim, NS, "hdb", 3, 3)) {
      setVersion("hdb", "0.8.6");
      eventually().until(() -> Optional.ofNullable(status("hdb").getRollingUpgrade())
          .filter(u -> "Rejoining".equals(u.getStep()) && Integer.valueOf(2).equals(u.getOrdinal())).isPresent());
      sim.database(NS, "hdb").flatMap(db -> db.raft()).orElseThrow().transferLeadership(2);
      eventually().until(() -> history.replacementsSince(replacedBefore).size() == 3);
      awaitRunning("hdb", 3);

      assertThat(monitor.maxOut()).as("members out together: %s", monitor.history()).isEqualTo(1);
    }
    assertThat(history.replacementsSince(replacedBefore)).containsExactly("hdb-2", "hdb-0", "hdb-1");
  }

  /**
   * A StatefulSet an earlier operator version applied with a partition is switched to OnDelete without
   * any member restarting; the next upgrade then runs under OnDelete.
   */
  @Test
  void aStatefulSetWithAPartitionSwitchesToOnDeleteWithoutARestart() throws Exception {
    create(Manifests.cluster("hdb", 3));
    awaitRunning("hdb", 3);
    var statefulSets = user.apps().statefulSets().inNamespace(NS).withName("hdb");
    StatefulSet partitioned = new StatefulSetBuilder(statefulSets.get()).editMetadata().withManagedFields()
        .withResourceVersion(null).endMetadata().editSpec().withNewUpdateStrategy().withType("RollingUpdate")
        .withNewRollingUpdate().withPartition(3).endRollingUpdate().endUpdateStrategy().endSpec().withStatus(null)
        .build();
    int replacedBefore = history.replacements().size();

    operator.kill();
    user.resource(partitioned).fieldManager(FieldManager.NAME).forceConflicts().serverSideApply();
    assertThat(statefulSets.get().getSpec().getUpdateStrategy().getRollingUpdate().getPartition()).isEqualTo(3);
    operator = OperatorProcess.start(sim);

    eventually().until(() -> "OnDelete".equals(statefulSets.get().getSpec().getUpdateStrategy().getType()));
    awaitMoreReconciles(3);
    assertThat(statefulSets.get().getSpec().getUpdateStrategy().getRollingUpdate()).isNull();
    assertThat(history.replacementsSince(replacedBefore)).as("members restarted by the switch").isEmpty();

    setVersion("hdb", "0.8.6");
    eventually().until(() -> history.replacementsSince(replacedBefore).size() == 3);
    awaitRunning("hdb", 3);
    assertThat(history.replacementsSince(replacedBefore)).containsExactly("hdb-2", "hdb-1", "hdb-0");
  }

  /**
   * Issue 13, defect 2: hdb-2 was chosen while every member was back and waits out drainWaitSecs out
   * of the proxy's rotation; hdb-1 crashes meanwhile. Restarting hdb-2 then would take two of three
   * members down (the Raft majority): the restart is called off until hdb-1 is back.
   */
  @Test
  void aMemberThatGoesDownWhileTheNextWaitsOutItsDrainCallsThatRestartOff() {
    threeMembersWithAProxyOf(1);
    edit("hdb", c -> {
      c.getSpec().getCluster().setDrainWaitSecs(5);
      return c;
    });
    int replacedBefore = history.replacements().size();

    try (DisruptionMonitor monitor = new DisruptionMonitor(sim, NS, "hdb", 3, 3)) {
      setVersion("hdb", "0.8.6");
      eventually().until(() -> Optional.ofNullable(status("hdb").getRollingUpgrade())
          .filter(u -> "Waiting".equals(u.getStep()) && Integer.valueOf(2).equals(u.getOrdinal())).isPresent());
      sim.database(NS, "hdb").orElseThrow().crash(1);

      eventually().until(() -> Optional.ofNullable(status("hdb").getRollingUpgrade())
          .filter(u -> u.getOrdinal() == null).isPresent());
      assertThat(history.replacementsSince(replacedBefore)).as("no member restarted while hdb-1 is down").isEmpty();

      sim.database(NS, "hdb").orElseThrow().start(1, true);
      eventually().until(() -> history.replacementsSince(replacedBefore).size() == 3);
      awaitRunning("hdb", 3);

      assertThat(monitor.maxOut()).as("members out together: %s", monitor.history()).isEqualTo(1);
    }
  }

  @Test
  void theStatusKeepsTheOldVersionAndSaysUpgradingUntilEveryMemberRunsTheNewOne() {
    create(Manifests.cluster("hdb", 3));
    awaitRunning("hdb", 3);
    int replacedBefore = history.replacements().size();

    setVersion("hdb", "0.8.6");
    long generation = cluster("hdb").getMetadata().getGeneration();
    eventually().until(() -> history.replacementsSince(replacedBefore).size() == 3);
    awaitRunning("hdb", 3);

    // every status written for the new generation, in the order the watch delivered them
    List<StatusSeen> seen = history.statuses("hdb").stream()
        .filter(s -> Long.valueOf(generation).equals(s.observedGeneration())).toList();
    assertThat(seen).first().isEqualTo(new StatusSeen(generation, "Upgrading", "0.8.5"));
    assertThat(seen).last().isEqualTo(new StatusSeen(generation, "Running", "0.8.6"));
    assertThat(seen).as("Upgrading always with the old version, the new one only once Running")
        .allSatisfy(s -> assertThat(s.phase() + "/" + s.currentVersion()).isIn("Upgrading/0.8.5", "Running/0.8.6"));
    assertThat(seen.stream().map(StatusSeen::currentVersion).dropWhile("0.8.5"::equals))
        .as("once reported, the new version is never taken back").containsOnly("0.8.6");
  }

  @Test
  void withAProxyFollowingTheVersionEachMemberLeavesEveryProxyPodWhileItRestartsAndTheProxyRollsLast() {
    // no proxy.image: the proxy's tag follows spec.version, so the version change concerns it too
    threeMembersWithAProxyOf(2);
    List<String> oldProxyPods = proxyPods("hdb");
    eventually().alias("every proxy pod routes to every member").until(() -> oldProxyPods.stream()
        .allMatch(proxy -> sim.proxyRouting(NS, proxy).size() == 3));
    Map<String, String> oldPods = podUids("hdb-0", "hdb-1", "hdb-2");
    int replacedBefore = history.replacements().size();

    try (ProxyRotationMonitor proxies = new ProxyRotationMonitor(sim, user, NS, "hdb")) {
      setVersion("hdb", "0.8.6");
      eventually().until(() -> history.replacementsSince(replacedBefore).size() == 3);
      awaitRunning("hdb", 3);
      eventually().until(() -> proxyPods("hdb").size() == 2 && proxyPods("hdb").stream()
          .allMatch(pod -> image(pod).endsWith(":0.8.6")));

      List<String> order = proxies.rotation().stream().map(step -> step.substring(step.indexOf(' ') + 1))
          .distinct().toList();
      assertThat(order).as("members in the order they left the rotation")
          .containsExactlyInAnyOrder("hdb-0", "hdb-1", "hdb-2");
      assertThat(proxies.rotation()).as("one member out of the rotation at a time").containsExactly(
          "exclude " + order.get(0), "include " + order.get(0),
          "exclude " + order.get(1), "include " + order.get(1),
          "exclude " + order.get(2), "include " + order.get(2));
      List<ProxyRotationMonitor.Call> calls = proxies.calls();
      for (String member : order) {
        List<ProxyRotationMonitor.Call> about = calls.stream().filter(c -> c.member().equals(member)).toList();
        assertThat(about).filteredOn(c -> c.isExclude() && c.status() == 200)
            .filteredOn(c -> c.memberUid().equals(oldPods.get(member)))
            .as("%s taken out of every proxy pod while its old pod still ran; calls %s", member, calls)
            .extracting(ProxyRotationMonitor.Call::proxyPod).containsExactlyInAnyOrderElementsOf(oldProxyPods);
        assertThat(about).filteredOn(ProxyRotationMonitor.Call::isInclude)
            .as("%s included in every proxy pod once its new pod was back (ready and a voter)", member)
            .allSatisfy(c -> {
              assertThat(c.memberUid()).isNotEqualTo(oldPods.get(member));
              assertThat(c.ready()).isTrue();
              assertThat(c.voter()).isTrue();
            })
            .extracting(ProxyRotationMonitor.Call::proxyPod).containsExactlyInAnyOrderElementsOf(oldProxyPods);
      }
      assertThat(proxies.routedWhileOut()).as("proxy pods routing to a member that was out").isEmpty();

      long lastInclude = calls.stream().filter(ProxyRotationMonitor.Call::isInclude)
          .mapToLong(ProxyRotationMonitor.Call::seq).max().orElseThrow();
      List<ProxyRotationMonitor.Routing> newProxyPods = proxies.routings().stream()
          .filter(r -> r.first() && r.proxyImage().endsWith(":0.8.6")).toList();
      assertThat(newProxyPods).as("proxy pods started on the new version").isNotEmpty().allSatisfy(started -> {
        assertThat(started.seq()).as("started after the last member was included back").isGreaterThan(lastInclude);
        assertThat(started.memberImages()).as("member images when %s started", started.proxyPod())
            .hasSize(3).allSatisfy((pod, image) -> assertThat(image).endsWith(":0.8.6"));
      });
      assertThat(proxies.routings()).filteredOn(ProxyRotationMonitor.Routing::first)
          .as("proxy pods started while the members rolled")
          .noneMatch(r -> r.seq() < lastInclude);
    }
    assertThat(history.phases("hdb")).containsSubsequence("Running", "Upgrading", "Running");
    assertThat(status("hdb").getCurrentVersion()).isEqualTo("0.8.6");
    assertThat(user.apps().deployments().inNamespace(NS).withName("hdb-proxy").get().getSpec().getTemplate()
        .getSpec().getContainers().get(0).getImage()).endsWith(":0.8.6");
  }

  @Test
  void anExplicitlyTaggedProxyImageChangeRollsTheProxyAtOnceEvenDuringTheMemberUpgrade() {
    threeMembersWithAProxyOf(1);
    int replacedBefore = history.replacements().size();

    try (ProxyRotationMonitor proxies = new ProxyRotationMonitor(sim, user, NS, "hdb")) {
      edit("hdb", c -> {
        c.getSpec().setVersion("0.8.6");
        c.getSpec().getProxy().setImage("ghcr.io/hyperbyte-cloud/hyperbytedb-proxy:0.8.6-hotfix");
        return c;
      });
      eventually().until(() -> history.replacementsSince(replacedBefore).size() == 3);
      awaitRunning("hdb", 3);
      eventually().until(() -> proxyPods("hdb").size() == 1 && image(proxyPods("hdb").get(0)).endsWith("-hotfix"));

      long lastInclude = proxies.calls().stream().filter(ProxyRotationMonitor.Call::isInclude)
          .mapToLong(ProxyRotationMonitor.Call::seq).max().orElseThrow();
      assertThat(proxies.routings()).filteredOn(r -> r.first() && r.proxyImage().endsWith("-hotfix"))
          .as("the hotfix proxy pod started before the last member was back").singleElement()
          .satisfies(started -> assertThat(started.seq()).isLessThan(lastInclude));
    }
    assertThat(status("hdb").getCurrentVersion()).isEqualTo("0.8.6");
  }

  private static String image(Pod pod) {
    return pod.getSpec().getContainers().get(0).getImage();
  }

  private String image(String podName) {
    return image(pod(podName));
  }

  /** The pods of cluster {@code name}'s proxy Deployment. */
  private List<String> proxyPods(String name) {
    Map<String, String> selector = user.apps().deployments().inNamespace(NS).withName(name + "-proxy").get()
        .getSpec().getSelector().getMatchLabels();
    return user.pods().inNamespace(NS).withLabels(selector).list().getItems().stream()
        .map(pod -> pod.getMetadata().getName()).toList();
  }

  private Map<String, String> podUids(String... names) {
    Map<String, String> uids = new HashMap<>();
    for (String name : names) {
      uids.put(name, pod(name).getMetadata().getUid());
    }
    return uids;
  }

  /** A running cluster {@code hdb} of three members and a proxy of {@code replicas} pods, all up. */
  private void threeMembersWithAProxyOf(int replicas) {
    create(Manifests.cluster("hdb", 3, """
        proxy:
          enabled: true
          replicas: %d
        """.formatted(replicas)));
    awaitRunning("hdb", 3);
    eventually().until(() -> proxyPods("hdb").size() == replicas);
  }
}
