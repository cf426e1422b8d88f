package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.reconcile.decision.LifecycleTimings;
import cloud.hyperbyte.testkit.Patience;
import cloud.hyperbyte.testkit.cluster.ApiActivity;
import cloud.hyperbyte.testkit.cluster.ApiMark;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The stage of an end-to-end scenario: a simulated cluster (API, StatefulSet and Deployment
 * controllers, simulated members on real time with short startup and drain durations), the
 * operator process on it, and the user's view. The user's requests and the test's reads go through
 * the observer client, so {@code sim.activitySince(mark)} holds the operator's requests alone.
 */
abstract class OperatorE2eTest {

  static final String NS = Manifests.NAMESPACE;
  /** The operator image of scenarios whose pods run the operator's subcommands (seeding, backups, restores). */
  static final String OPERATOR_IMAGE = "ghcr.io/hyperbyte-cloud/hyperbytedb-operator:e2e";
  /** How long a simulated member takes from pod start to answering (the "pod start time"). */
  static final Duration MEMBER_STARTUP = Duration.ofMillis(300);
  /** How long a simulated member's drain waits for peer acknowledgements (the server's 90 s). */
  static final Duration DRAIN_ACK_TIMEOUT = Duration.ofSeconds(3);
  /** How often simulated proxy pods resolve their backends and probe them (the proxy's 5 s and 2 s, scaled down). */
  static final Duration PROXY_DISCOVERY = Duration.ofMillis(500);
  static final Duration PROXY_HEALTH = Duration.ofMillis(200);
  /**
   * A resync period for scenarios that move the operator's clock: a requeue the operator timed before
   * the jump fires late, a resync pass sees the new time. One second is the shortest resync a fabric8
   * informer runs.
   */
  static final Duration FREQUENT_RESYNC = Duration.ofSeconds(1);

  SimulatedCluster sim;
  KubernetesClient user;
  EventLog events;
  ClusterHistory history;
  OperatorProcess operator;

  @BeforeEach
  void startCluster() throws Exception {
    sim = configure(SimulatedCluster.builder().databaseOptions(o -> o.withStartupDuration(MEMBER_STARTUP)
        .withDrainAckTimeout(DRAIN_ACK_TIMEOUT)).proxyIntervals(PROXY_DISCOVERY, PROXY_HEALTH)).start();
    user = sim.observerClient();
    events = new EventLog(user);
    history = new ClusterHistory(user);
    operator = startOperator();
  }

  /** The simulated cluster of this scenario; scenarios add to the common setup here. */
  SimulatedCluster.Builder configure(SimulatedCluster.Builder builder) {
    return builder;
  }

  /** The operator process of this scenario. */
  OperatorProcess startOperator() throws Exception {
    return OperatorProcess.start(sim);
  }

  @AfterEach
  void stopCluster() {
    if (operator != null) {
      operator.kill();
    }
    history.close();
    sim.close();
  }

  /** Waits for conditions of the simulated cluster; generous, as CI machines are slow and shared. */
  static ConditionFactory eventually() {
    return await().atMost(Patience.LIMIT).pollInterval(Duration.ofMillis(50)).ignoreExceptions();
  }

  HyperbytedbCluster create(HyperbytedbCluster cluster) {
    return user.resource(cluster).create();
  }

  HyperbytedbCluster cluster(String name) {
    return user.resources(HyperbytedbCluster.class).inNamespace(NS).withName(name).get();
  }

  /** Changes the spec as a user would (a fresh read, then an update). */
  void edit(String name, UnaryOperator<HyperbytedbCluster> change) {
    eventually().untilAsserted(() -> {
      HyperbytedbCluster current = cluster(name);
      current.setStatus(null);
      user.resource(change.apply(current)).update();
    });
  }

  void setReplicas(String name, int replicas) {
    edit(name, c -> {
      c.getSpec().setReplicas(replicas);
      return c;
    });
  }

  void setVersion(String name, String version) {
    edit(name, c -> {
      c.getSpec().setVersion(version);
      return c;
    });
  }

  HyperbytedbClusterStatus status(String name) {
    return Optional.ofNullable(cluster(name)).map(HyperbytedbCluster::getStatus).orElse(new HyperbytedbClusterStatus());
  }

  /** Waits until the cluster reports {@code phase} for its current generation. */
  void awaitPhase(String name, String phase) {
    eventually().untilAsserted(() -> {
      HyperbytedbCluster cluster = cluster(name);
      assertThat(cluster.getStatus()).isNotNull();
      assertThat(cluster.getStatus().getObservedGeneration()).isEqualTo(cluster.getMetadata().getGeneration());
      assertThat(cluster.getStatus().getPhase()).isEqualTo(phase);
    });
  }

  /** Waits until the cluster is Running with {@code replicas} ready members, all Raft voters when more than one. */
  void awaitRunning(String name, int replicas) {
    eventually().untilAsserted(() -> {
      HyperbytedbCluster cluster = cluster(name);
      HyperbytedbClusterStatus status = cluster.getStatus();
      assertThat(status).isNotNull();
      assertThat(status.getObservedGeneration()).isEqualTo(cluster.getMetadata().getGeneration());
      String seen = describe(status);
      assertThat(status.getPhase()).as(seen).isEqualTo("Running");
      assertThat(status.getReadyReplicas()).as(seen).isEqualTo(replicas);
      if (replicas > 1) { // a single member runs without cluster mode, so without Raft
        assertThat(voters(name)).as("voters; " + seen).hasSize(replicas);
      }
    });
    // the history's watch may deliver that status a moment after the read above: tests read the
    // phases it went through next (seen at a load average of 25)
    long generation = cluster(name).getMetadata().getGeneration();
    eventually().until(() -> history.statuses(name).stream().reduce((first, last) -> last)
        .filter(s -> "Running".equals(s.phase()) && Long.valueOf(generation).equals(s.observedGeneration()))
        .isPresent());
  }

  static String describe(HyperbytedbClusterStatus status) {
    return "phase " + status.getPhase() + ", ready " + status.getReadyReplicas() + "/" + status.getReplicas()
        + ", conditions " + Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
            .map(c -> c.getType() + "=" + c.getStatus() + " (" + c.getReason() + ": " + c.getMessage() + ")").toList();
  }

  /** The Raft voters of the cluster's database, as the simulated Raft group has them. */
  List<Long> voters(String name) {
    return sim.database(NS, name).flatMap(db -> db.raft()).map(raft -> List.copyOf(raft.voters())).orElse(List.of());
  }

  Optional<Condition> condition(String name, String type) {
    return Optional.ofNullable(status(name).getConditions()).orElse(List.of()).stream()
        .filter(c -> type.equals(c.getType())).findFirst();
  }

  /** Replaces the operator process with one on {@code clock}, resyncing every {@code resync}. */
  void restartOperator(Clock clock, Duration resync) throws Exception {
    restartOperator(clock, resync, OperatorProcess.TIMINGS);
  }

  /** Replaces the operator process with one on {@code clock} and the lifecycle waits {@code timings}. */
  void restartOperator(Clock clock, Duration resync, LifecycleTimings timings) throws Exception {
    operator.kill();
    operator = OperatorProcess.start(sim, clock, resync, timings);
  }

  /**
   * Lets the operator run {@code count} more reconciles of every cluster, each a full look at the
   * cluster as a periodic resync makes (the wait asks for them rather than waiting for the resync).
   */
  void awaitMoreReconciles(int count) {
    long target = operator.reconciles() + count;
    eventually().until(() -> {
      operator.operator().resyncAll();
      return operator.reconciles() >= target;
    });
  }

  /** What a rolling restart did: the members in restart order, the MemberRestart events that announced them. */
  record RollingRestart(List<String> restarted, List<EventLog.Recorded> announced) {}

  /**
   * Makes {@code change} to the running three-member cluster {@code hdb} and waits until it has
   * restarted every member and runs again, checking the rolling restart's safety on the way: one
   * member out at a time, each restarted once, the Raft leader last, the phase Upgrading in between.
   */
  RollingRestart rollThreeMembers(Runnable change) {
    long leader = sim.database(NS, "hdb").flatMap(db -> db.raft()).orElseThrow().leader().orElseThrow();
    int replacedBefore = history.replacements().size();
    int restartEventsBefore = events.withReason("hdb", "MemberRestart").size();
    try (DisruptionMonitor monitor = new DisruptionMonitor(sim, NS, "hdb", 3, 3)) {
      change.run();
      eventually().until(() -> history.replacementsSince(replacedBefore).size() == 3);
      awaitRunning("hdb", 3);

      assertThat(monitor.maxOut()).as("members out together: %s", monitor.history()).isEqualTo(1);
    }
    List<String> restarted = history.replacementsSince(replacedBefore);
    assertThat(restarted).hasSize(3).doesNotHaveDuplicates().endsWith("hdb-" + (leader - 1));
    assertThat(history.phases("hdb")).containsSubsequence("Running", "Upgrading", "Running");
    return new RollingRestart(restarted,
        events.withReason("hdb", "MemberRestart").stream().skip(restartEventsBefore).toList());
  }

  /** Writes {@code points} to member {@code pod}, which accepts them. */
  void write(String pod, List<String> points) throws Exception {
    assertThat(MemberWrites.write(sim, NS, pod, points)).isEqualTo(204);
  }

  Pod pod(String name) {
    return user.pods().inNamespace(NS).withName(name).get();
  }

  /** The phases a user's watch saw and the API activity while a cluster was created until Running and Ready. */
  record Convergence(List<String> phases, ApiActivity activity) {}

  /** Creates {@code manifest} and watches it until it is Running and Ready with all its members. */
  Convergence createAndWatchUntilReady(HyperbytedbCluster manifest) throws Exception {
    String name = manifest.getMetadata().getName();
    int members = manifest.getSpec().getReplicas();
    List<String> phases = new CopyOnWriteArrayList<>();
    ApiMark start = sim.mark();
    try (Watch watch = user.resources(HyperbytedbCluster.class).inNamespace(NS).watch(new Watcher<>() {
      @Override
      public void eventReceived(Action action, HyperbytedbCluster cluster) {
        phases.add(String.valueOf(cluster.getStatus() == null ? null : cluster.getStatus().getPhase()));
      }

      @Override
      public void onClose(WatcherException cause) {
        // closed by the test
      }
    })) {
      create(manifest);
      awaitRunning(name, members);
      eventually().until(() -> condition(name, "Ready").map(c -> "True".equals(c.getStatus())).orElse(false));
      awaitMoreReconciles(members);
    }
    return new Convergence(phases, sim.activitySince(start));
  }
}
