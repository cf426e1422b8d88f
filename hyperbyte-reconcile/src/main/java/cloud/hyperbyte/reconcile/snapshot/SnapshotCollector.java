package cloud.hyperbyte.reconcile.snapshot;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.reconcile.port.CallFailure;
import cloud.hyperbyte.reconcile.port.ClusterMetrics;
import cloud.hyperbyte.reconcile.port.DatabaseCallException;
import cloud.hyperbyte.reconcile.port.DatabaseNodes;
import cloud.hyperbyte.reconcile.port.MemberAddress;
import cloud.hyperbyte.reconcile.port.NodeHealth;
import cloud.hyperbyte.reconcile.port.NodeState;
import cloud.hyperbyte.reconcile.port.RaftMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Collects {@link MemberFacts} for every database pod through {@link DatabaseNodes}. Members are asked
 * in parallel on a bounded executor, so one member that hangs costs at most {@link #budget} and never
 * delays what the others report; a member without an answer within the budget is recorded as
 * unreachable with {@link CallFailure#TIMEOUT}.
 *
 * <p>Per member the calls run in sequence: {@code /ping} (nothing else is asked when it fails),
 * {@code /health}, and in cluster mode {@code /cluster/metrics}, {@code /cluster/raft/metrics} and
 * the WAL sequence. A lone member outside cluster mode is asked for {@code /cluster/raft/metrics} too,
 * as it may still run a cluster configuration; only when it answers are the other cluster calls made. A failed call leaves its facts empty and does not stop the others.
 */
public final class SnapshotCollector {

  private final DatabaseNodes nodes;
  private final ExecutorService executor;
  private final Duration budget;

  /**
   * @param nodes database calls
   * @param executor bounded pool the member probes run on; owned by the caller
   * @param budget longest wait for all members of one cluster
   */
  public SnapshotCollector(DatabaseNodes nodes, ExecutorService executor, Duration budget) {
    this.nodes = Objects.requireNonNull(nodes, "nodes");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.budget = Objects.requireNonNull(budget, "budget");
  }

  /** Facts per ordinal for each pod of {@code spec}'s cluster. */
  public Map<Integer, MemberFacts> collect(ClusterSpec spec, Collection<ObservedPod> pods) throws InterruptedException {
    boolean clusterMode = spec.clusterMode() || pods.size() > 1;
    List<ObservedPod> probed = new ArrayList<>();
    Map<Integer, MemberFacts> facts = new TreeMap<>();
    for (ObservedPod pod : pods) {
      if (pod.terminating() || pod.podIp().isEmpty()) {
        facts.put(pod.ordinal(), MemberFacts.unreachable(
            pod.ordinal(), nodeId(pod), CallFailure.UNREACHABLE,
            pod.terminating() ? "pod is terminating" : "pod has no IP yet (phase " + pod.phase() + ")"));
      } else {
        probed.add(pod);
      }
    }
    List<Callable<MemberFacts>> tasks = new ArrayList<>();
    for (ObservedPod pod : probed) {
      MemberAddress member = MemberAddress.of(spec, pod.ordinal());
      tasks.add(() -> probe(member, clusterMode));
    }
    List<Future<MemberFacts>> answers = tasks.isEmpty()
        ? List.of()
        : executor.invokeAll(tasks, budget.toMillis(), TimeUnit.MILLISECONDS);
    for (int i = 0; i < probed.size(); i++) {
      ObservedPod pod = probed.get(i);
      facts.put(pod.ordinal(), outcome(pod, answers.get(i)));
    }
    return facts;
  }

  private MemberFacts outcome(ObservedPod pod, Future<MemberFacts> answer) throws InterruptedException {
    try {
      return answer.get();
    } catch (CancellationException late) {
      return MemberFacts.unreachable(pod.ordinal(), nodeId(pod), CallFailure.TIMEOUT,
          "TIMEOUT: no answer within " + budget.toSeconds() + "s");
    } catch (ExecutionException bug) {
      return MemberFacts.unreachable(pod.ordinal(), nodeId(pod), CallFailure.BAD_RESPONSE,
          "BAD_RESPONSE: " + bug.getCause());
    }
  }

  private static long nodeId(ObservedPod pod) {
    return pod.ordinal() + 1L;
  }

  private MemberFacts probe(MemberAddress member, boolean clusterMode) {
    try {
      nodes.ping(member);
    } catch (DatabaseCallException e) {
      return MemberFacts.unreachable(member.ordinal(), member.nodeId(), e.kind(), describe(e));
    }
    ImmutableMemberFacts.Builder facts =
        ImmutableMemberFacts.builder().ordinal(member.ordinal()).nodeId(member.nodeId()).reachable(true);
    List<DatabaseCallException> failures = new ArrayList<>();
    NodeHealth health = call(() -> nodes.health(member), failures);
    if (health != null) {
      facts.health(health);
    }
    // A lone member may still run the cluster configuration it had before the cluster shrank to one
    // (the server reads its config only at start), and the scale-down must see its Raft view to finish.
    // A standalone server does not mount the cluster routes: its 404 is the expected answer, no failure.
    RaftMetrics alone = clusterMode ? null : call(() -> nodes.raftMetrics(member), new ArrayList<>());
    if (clusterMode || alone != null) {
      ClusterMetrics metrics = call(() -> nodes.clusterMetrics(member), failures);
      if (metrics != null) {
        facts.state(metrics.state()).peersSeen(metrics.peerIds());
      }
      RaftMetrics raft = alone != null ? alone : call(() -> nodes.raftMetrics(member), failures);
      if (raft != null) {
        facts.raftRole(raft.state()).term(raft.currentTerm()).voters(raft.voters()).learners(raft.learners());
        raft.currentLeader().ifPresent(facts::leaderId);
      }
      Long wal = call(() -> nodes.walSequence(member), failures);
      if (wal != null) {
        facts.walSequence(wal);
      }
    } else if (health != null) {
      (health.healthy() ? Optional.of(NodeState.ACTIVE) : health.reportedState()).ifPresent(facts::state);
    }
    if (!failures.isEmpty()) {
      facts.failure(failures.get(0).kind()).problem(describe(failures.get(0)));
    }
    return facts.build();
  }

  private static String describe(DatabaseCallException e) {
    return e.kind() + ": " + e.getMessage();
  }

  private interface Call<T> {
    T run() throws DatabaseCallException;
  }

  private static <T> T call(Call<T> call, List<DatabaseCallException> failures) {
    try {
      return call.run();
    } catch (DatabaseCallException e) {
      failures.add(e);
      return null;
    }
  }
}
