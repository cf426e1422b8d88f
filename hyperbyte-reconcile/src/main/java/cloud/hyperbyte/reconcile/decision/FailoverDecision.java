package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.model.spec.FailoverSettings;
import cloud.hyperbyte.reconcile.snapshot.MemberFacts;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import cloud.hyperbyte.render.topology.MemberTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Failover (product §3.5): tracks since when each member is unhealthy (pod not Ready, database not
 * answering or not passing {@code /health}) and deletes the pod of a member unhealthy for
 * {@code failoverTimeoutSecs}, oldest first. At most {@code maxFailoverCount} members are in failover at
 * once (pods still terminating count), and never when the voters other than the member would not
 * keep a healthy majority; members deliberately out and members failed over in the same pass do not
 * count towards it. Members deliberately out (being upgraded or removed) are not tracked.
 */
public final class FailoverDecision {

  private static final Comparator<Map.Entry<Integer, Instant>> OLDEST_FIRST =
      Map.Entry.<Integer, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey());

  private FailoverDecision() {}

  /** Whether the member is healthy for failover purposes. */
  public static boolean healthy(ObservedCluster observed, int ordinal) {
    boolean podReady = observed.pod(ordinal).filter(ObservedPod::ready).isPresent();
    return podReady && observed.facts(ordinal).filter(MemberFacts::reachable).filter(MemberFacts::healthy).isPresent();
  }

  /**
   * @param deliberatelyOut ordinals an operation has taken out on purpose
   */
  public static Decision decide(ObservedCluster observed, LifecycleMemory memory, Set<Integer> deliberatelyOut,
      Instant now) {
    int replicas = observed.statefulSetReplicas();
    Map<Integer, Instant> since = new TreeMap<>();
    Map<Integer, String> sincePods = new TreeMap<>();
    for (int ordinal = 0; ordinal < replicas; ordinal++) {
      // a member without a pod is being created or replaced: nothing to fail over, and a "since"
      // that is not kept in status would change the message on every pass
      if (deliberatelyOut.contains(ordinal) || healthy(observed, ordinal) || observed.pod(ordinal).isEmpty()) {
        continue;
      }
      String uid = observed.pod(ordinal).get().uid();
      since.put(ordinal, rememberedFor(memory, ordinal, uid).orElse(now));
      sincePods.put(ordinal, uid);
    }
    Decision.Builder decision = Decision.builder(memory.withUnhealthy(since, sincePods));
    if (!since.isEmpty()) {
      decision.notice(Notice.degraded("MembersUnhealthy", "Not healthy: " + since.entrySet().stream()
          .map(e -> observed.names().pod(e.getKey()) + " since " + e.getValue()).toList()));
    }
    FailoverSettings settings = observed.spec().failover();
    if (!settings.enabled() || since.isEmpty()) {
      return decision.build();
    }
    Duration timeout = Duration.ofSeconds(settings.failoverTimeoutSecs());
    long inFailover = observed.pods().stream().filter(ObservedPod::terminating).count();
    long budget = settings.maxFailoverCount() - inFailover;
    Set<Long> voters = observed.voters().orElseGet(() -> new TreeSet<>(observed.topology().expectedVoters()));
    int failovers = memory.failoverCount();
    Map<Integer, Instant> next = new TreeMap<>(since);
    Set<Integer> failedOver = new TreeSet<>();
    for (Map.Entry<Integer, Instant> entry : since.entrySet().stream().sorted(OLDEST_FIRST).toList()) {
      int ordinal = entry.getKey();
      Instant due = entry.getValue().plus(timeout);
      Optional<ObservedPod> pod = observed.pod(ordinal).filter(p -> !p.terminating());
      if (pod.isEmpty()) {
        continue;
      }
      if (now.isBefore(due)) {
        decision.requeueAt(due);
        continue;
      }
      if (budget <= 0) {
        decision.notice(Notice.degraded("FailoverWithheld", pod.get().name() + " is due for failover but "
            + settings.maxFailoverCount() + " member(s) are already being failed over (maxFailoverCount)"));
        continue;
      }
      // members taken out on purpose, or failed over in this pass, will not serve: they do not count
      long healthyOthers = voters.stream().filter(v -> v != ordinal + 1L)
          .filter(v -> !deliberatelyOut.contains(MemberTopology.ordinal(v)))
          .filter(v -> !failedOver.contains(MemberTopology.ordinal(v)))
          .filter(v -> Quorum.healthy(observed, v)).count();
      if (healthyOthers < Quorum.majority(voters.size())) {
        decision.notice(Notice.degraded("FailoverWithheld", pod.get().name() + " is due for failover but only "
            + healthyOthers + " of " + voters.size() + " voters are healthy; a majority ("
            + Quorum.majority(voters.size()) + ") must stay healthy, so it is left alone"));
        continue;
      }
      decision.act(new Action.DeletePod(pod.get().name(), pod.get().uid(), ordinal, "MemberFailover",
          "unhealthy since " + entry.getValue() + " (failoverTimeoutSecs " + settings.failoverTimeoutSecs() + ")"));
      budget--;
      failovers++;
      failedOver.add(ordinal);
      // the replacement gets a fresh timeout
      next.put(ordinal, now);
    }
    return decision.memory(decision.memory().withUnhealthySince(next).withFailoverCount(failovers)).build();
  }

  /**
   * The remembered since, if it refers to the pod that runs now. After a failover the status write
   * that resets it can be lost (a conflict, a server error, the operator killed right after the
   * deletion); the since then outlives the pod it was measured on, and applied to the replacement it
   * would fail that over as soon as it appears. A since recorded without a pod UID (by an older
   * operator) applies to whatever pod runs.
   */
  private static Optional<Instant> rememberedFor(LifecycleMemory memory, int ordinal, String podUid) {
    Optional<Instant> remembered = Optional.ofNullable(memory.unhealthySince().get(ordinal));
    String measuredOn = memory.unhealthyPods().get(ordinal);
    return measuredOn == null || measuredOn.equals(podUid) ? remembered : Optional.empty();
  }
}
