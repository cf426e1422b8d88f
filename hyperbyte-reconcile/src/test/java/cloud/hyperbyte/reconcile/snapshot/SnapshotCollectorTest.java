package cloud.hyperbyte.reconcile.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.reconcile.port.CallFailure;
import cloud.hyperbyte.reconcile.port.NodeState;
import cloud.hyperbyte.reconcile.port.RaftRole;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnapshotCollectorTest {

  private final ExecutorService pool = Executors.newFixedThreadPool(3);
  private final ClusterSpec spec = TestClusters.spec(3);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private static List<ObservedPod> pods(int count) {
    return java.util.stream.IntStream.range(0, count)
        .mapToObj(i -> new ObservedPod("db-" + i, "uid-" + i, i, "Running", true, Optional.of("r1"), false,
            Optional.of("10.0.0." + (i + 1))))
        .toList();
  }

  @Test
  void givenThreeHealthyMembersCollectsRoleVotersStateAndWalSequence() throws Exception {
    FakeDatabaseNodes nodes = new FakeDatabaseNodes(2, Set.of(1L, 2L, 3L)).state(3, NodeState.DRAINING);

    Map<Integer, MemberFacts> facts = new SnapshotCollector(nodes, pool, Duration.ofSeconds(30)).collect(spec, pods(3));

    assertThat(facts.get(1).raftRole()).contains(RaftRole.LEADER);
    assertThat(facts.get(1).voters()).containsExactlyInAnyOrder(1L, 2L, 3L);
    assertThat(facts.get(0).leaderId()).hasValue(2);
    assertThat(facts.get(2).state()).contains(NodeState.DRAINING);
    assertThat(facts.get(2).healthy()).isFalse();
    assertThat(facts.get(0).walSequence()).hasValue(1001);
    assertThat(facts.get(0).peersSeen()).contains(Set.of(2L, 3L));
  }

  @Test
  void aLoneMemberStillRunningItsClusterConfigurationReportsItsRaftView() throws Exception {
    // after a scale-down to one: node 1 keeps its cluster configuration until it restarts
    FakeDatabaseNodes nodes = new FakeDatabaseNodes(1, Set.of(1L));

    Map<Integer, MemberFacts> facts =
        new SnapshotCollector(nodes, pool, Duration.ofSeconds(30)).collect(TestClusters.spec(1), pods(1));

    assertThat(facts.get(0).raftRole()).contains(RaftRole.LEADER);
    assertThat(facts.get(0).voters()).containsExactly(1L);
    assertThat(facts.get(0).state()).contains(NodeState.ACTIVE);
    assertThat(facts.get(0).failure()).isEmpty();
  }

  @Test
  void aStandaloneMemberHasNoRaftViewAndItsUnmountedClusterRoutesAreNoFailure() throws Exception {
    FakeDatabaseNodes nodes = new FakeDatabaseNodes(1, Set.of(1L)).standalone(1);

    Map<Integer, MemberFacts> facts =
        new SnapshotCollector(nodes, pool, Duration.ofSeconds(30)).collect(TestClusters.spec(1), pods(1));

    assertThat(facts.get(0).raftRole()).isEmpty();
    assertThat(facts.get(0).voters()).isEmpty();
    assertThat(facts.get(0).state()).contains(NodeState.ACTIVE);
    assertThat(facts.get(0).failure()).isEmpty();
    assertThat(nodes.calls()).containsExactly("ping 1", "health 1", "raftMetrics 1");
  }

  @Test
  void anUnreachableMemberIsRecordedAndNothingElseIsAskedOfIt() throws Exception {
    FakeDatabaseNodes nodes = new FakeDatabaseNodes(1, Set.of(1L, 2L, 3L)).unreachable(3);

    Map<Integer, MemberFacts> facts = new SnapshotCollector(nodes, pool, Duration.ofSeconds(30)).collect(spec, pods(3));

    assertThat(facts.get(2).reachable()).isFalse();
    assertThat(facts.get(2).failure()).contains(CallFailure.UNREACHABLE);
    assertThat(nodes.calls()).noneMatch(c -> c.endsWith(" 3"));
    assertThat(facts.get(0).reachable()).isTrue();
  }

  @Test
  void aMemberThatHangsDoesNotStallTheOthers() throws Exception {
    FakeDatabaseNodes nodes = new FakeDatabaseNodes(1, Set.of(1L, 2L, 3L));
    CountDownLatch release = nodes.block(3);
    SnapshotCollector collector = new SnapshotCollector(nodes, pool, Duration.ofMinutes(5));

    CompletableFuture<Map<Integer, MemberFacts>> result = CompletableFuture.supplyAsync(() -> {
      try {
        return collector.collect(spec, pods(3));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });

    // nodes 1 and 2 are fully probed while node 3 is still hanging
    await().until(() -> nodes.calls().contains("walSequence 1") && nodes.calls().contains("walSequence 2"));
    assertThat(result).isNotDone();
    release.countDown();
    assertThat(result.get().get(2).reachable()).isTrue();
  }

  @Test
  void aMemberWithoutAnAnswerWithinTheBudgetIsRecordedAsTimedOut() throws Exception {
    FakeDatabaseNodes nodes = new FakeDatabaseNodes(1, Set.of(1L, 2L, 3L));
    nodes.block(3);

    Map<Integer, MemberFacts> facts = new SnapshotCollector(nodes, pool, Duration.ofMillis(300)).collect(spec, pods(3));

    assertThat(facts.get(2).reachable()).isFalse();
    assertThat(facts.get(2).failure()).contains(CallFailure.TIMEOUT);
    assertThat(facts.get(0).raftRole()).contains(RaftRole.LEADER);
    assertThat(facts.get(1).raftRole()).contains(RaftRole.FOLLOWER);
  }

  @Test
  void podsWithoutAnIpOrBeingDeletedAreNotCalled() throws Exception {
    FakeDatabaseNodes nodes = new FakeDatabaseNodes(1, Set.of(1L, 2L, 3L));
    List<ObservedPod> pods = List.of(
        pods(1).get(0),
        new ObservedPod("db-1", "u", 1, "Pending", false, Optional.empty(), false, Optional.empty()),
        new ObservedPod("db-2", "u", 2, "Running", false, Optional.of("r1"), true, Optional.of("10.0.0.3")));

    Map<Integer, MemberFacts> facts = new SnapshotCollector(nodes, pool, Duration.ofSeconds(30)).collect(spec, pods);

    assertThat(facts.get(1).problem()).hasValueSatisfying(p -> assertThat(p).contains("no IP"));
    assertThat(facts.get(2).problem()).hasValueSatisfying(p -> assertThat(p).contains("terminating"));
    assertThat(nodes.calls()).allMatch(c -> c.endsWith(" 1"));
  }
}
