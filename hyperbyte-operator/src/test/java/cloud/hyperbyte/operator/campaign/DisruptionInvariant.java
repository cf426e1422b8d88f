package cloud.hyperbyte.operator.campaign;

import static cloud.hyperbyte.operator.campaign.UserIntent.CLUSTER;
import static cloud.hyperbyte.operator.campaign.UserIntent.NAMESPACE;
import static cloud.hyperbyte.operator.campaign.UserIntent.pod;

import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import cloud.hyperbyte.testkit.db.SimulatedDatabase;
import cloud.hyperbyte.testkit.db.SimulatedNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * "Never two members out of service through the operator's doing (none while one is already down)"
 * and "never a Raft majority lost through an operator action", sampled at every member change
 * (start, stop, readiness). A member is in service once it was ready while its ordinal is below the
 * replicas the user asked for; it is out when it then is not ready. An outage is the operator's
 * doing unless a campaign fault acts on that member (until it is ready again). When the operator
 * takes a member out, no other member may have been out for longer than {@link #GRACE}, and the
 * voters still reachable (ready and not partitioned) must stay a majority when they were one.
 *
 * <p>{@link #GRACE}: a member that failed within the last second of simulated time may have failed
 * after the operator's last look and before its action reached the member; no controller can act
 * atomically on what it observed, so such races are not counted, by either check (a voter out for
 * less than that still counts as reachable for the majority).
 */
final class DisruptionInvariant {

  static final String OUT_OF_SERVICE = "one-member-out-at-a-time";
  static final String MAJORITY = "no-majority-lost-by-the-operator";
  static final Duration GRACE = Duration.ofSeconds(1);
  private static final int HIGHEST_ORDINAL = 8;

  private final SimulatedCluster cluster;
  private final UserIntent intent;
  private final Clock clock;
  private final Trace trace;
  private final Set<Integer> everReady = new TreeSet<>();
  private final Map<Integer, Instant> outSince = new HashMap<>();

  DisruptionInvariant(SimulatedCluster cluster, UserIntent intent, Trace trace) {
    this.cluster = cluster;
    this.intent = intent;
    this.clock = cluster.clock();
    this.trace = trace;
    cluster.onMemberChange(this::sample);
  }

  private synchronized void sample() {
    if (intent.deleted()) {
      return;
    }
    if (intent.restoring()) { // a restore holds the cluster at zero by design; members count again once back
      everReady.clear();
      outSince.clear();
      return;
    }
    trace.checked(OUT_OF_SERVICE);
    Instant now = clock.instant();
    int replicas = intent.replicas();
    Map<Integer, Instant> before = new HashMap<>(outSince);
    StringBuilder seen = new StringBuilder();
    for (int ordinal = 0; ordinal < HIGHEST_ORDINAL; ordinal++) {
      boolean ready = cluster.memberReady(NAMESPACE, pod(ordinal));
      boolean running = cluster.member(NAMESPACE, pod(ordinal)).map(SimulatedNode::isProcessRunning).orElse(false);
      if (running || ready) {
        seen.append(' ').append(pod(ordinal)).append(ready ? " ready" : " running");
      }
      if (ready) {
        everReady.add(ordinal);
        intent.memberReady(ordinal);
      }
      if (ordinal >= replicas) {
        everReady.remove(ordinal);
      }
      boolean out = ordinal < replicas && everReady.contains(ordinal) && !ready;
      if (!out) {
        outSince.remove(ordinal);
      } else if (!outSince.containsKey(ordinal)) {
        outSince.put(ordinal, now);
      }
    }
    trace.log("members:" + seen + (outSince.isEmpty() ? "" : ", out " + outSince.keySet()));
    for (int ordinal : outSince.keySet()) {
      if (before.containsKey(ordinal) || intent.faultedSince(ordinal).isPresent()) {
        continue;
      }
      for (Map.Entry<Integer, Instant> other : before.entrySet()) {
        if (outSince.containsKey(other.getKey()) && !other.getValue().plus(GRACE).isAfter(now)) {
          trace.violated(OUT_OF_SERVICE, pod(ordinal) + " went out of service, not through a fault, while "
              + pod(other.getKey()) + " was out since t+" + since(other.getValue()));
        }
      }
      checkMajority(ordinal, now);
    }
  }

  private void checkMajority(int ordinal, Instant now) {
    trace.checked(MAJORITY);
    for (SimulatedDatabase database : cluster.databases(NAMESPACE, CLUSTER)) {
      Set<Long> voters = database.raft().map(raft -> (Set<Long>) new TreeSet<>(raft.voters())).orElse(Set.of());
      if (voters.size() < 2 || !voters.contains((long) ordinal + 1)) {
        continue;
      }
      int reachable = 0;
      for (long voter : voters) {
        int other = (int) voter - 1;
        boolean up = cluster.memberReady(NAMESPACE, pod(other)) && cluster.member(NAMESPACE, pod(other))
            .map(node -> node.faults().partition().isEmpty()).orElse(false);
        // as for one member out at a time: a member that went out (a fault, or a pod or claim the campaign
        // deleted, whose fault ends at once) within the last second may have failed after the operator's last look
        boolean justFailed = intent.faultedSince(other).map(since -> since.plus(GRACE).isAfter(now)).orElse(false)
            || (other != ordinal && Optional.ofNullable(outSince.get(other)).map(since -> since.plus(GRACE).isAfter(now))
                .orElse(false));
        if (up || justFailed) {
          reachable++;
        }
      }
      if (reachable * 2 <= voters.size() && (reachable + 1) * 2 > voters.size()) {
        trace.violated(MAJORITY, pod(ordinal) + " went out of service, not through a fault, leaving " + reachable
            + " of voters " + voters + " reachable");
      }
    }
  }

  private String since(Instant at) {
    return String.format("%.2fs", Duration.between(clock.instant(), at).toMillis() / 1000.0 + trace.elapsed().toMillis() / 1000.0);
  }
}
