package cloud.hyperbyte.reconcile.status;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.reconcile.decision.LifecyclePlan;
import cloud.hyperbyte.reconcile.decision.Notice;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The conditions Ready, Progressing, Degraded, Paused and ClusterFormed. Each is always present, so
 * a condition clears (turns False with a reason) when its cause is gone; lastTransitionTime moves only
 * when the status flips.
 */
public final class ClusterConditions {

  public static final String READY = "Ready";
  public static final String PROGRESSING = "Progressing";
  public static final String DEGRADED = "Degraded";
  public static final String PAUSED = "Paused";
  public static final String CLUSTER_FORMED = "ClusterFormed";

  private ClusterConditions() {}

  public static List<Condition> of(ObservedCluster observed, LifecyclePlan plan, String clusterState, Instant now) {
    List<Condition> previous = Optional.ofNullable(observed.lastStatus().getConditions()).orElse(List.of());
    long generation = observed.generation();
    List<Condition> conditions = new ArrayList<>();
    int target = observed.spec().effectiveReplicas();

    List<String> notServing = new ArrayList<>();
    for (int ordinal = 0; ordinal < target; ordinal++) {
      if (!ClusterHealth.servingMember(observed, ordinal)) {
        notServing.add(observed.names().pod(ordinal));
      }
    }
    boolean ready = target > 0 && notServing.isEmpty() && "Healthy".equals(clusterState);
    conditions.add(condition(previous, READY, ready,
        ready ? "AllMembersReady" : target == 0 ? "ScaledToZero" : "MembersNotReady",
        ready ? "All " + target + " members are Ready, Active and Raft voters"
            : target == 0 ? "The cluster runs no members" : notServing.isEmpty()
                ? "Cluster state is " + clusterState + "; waiting for the Raft voters to match the members"
                : "Not serving yet: " + String.join(", ", notServing),
        generation, now));

    List<Notice> progressing = plan.notices(Notice.Severity.PROGRESSING);
    conditions.add(condition(previous, PROGRESSING, !progressing.isEmpty(),
        progressing.isEmpty() ? "Idle" : progressing.get(0).reason(),
        progressing.isEmpty() ? "No operation in progress" : joined(progressing), generation, now));

    List<Notice> degraded = new ArrayList<>(plan.notices(Notice.Severity.FAILED));
    degraded.addAll(plan.notices(Notice.Severity.DEGRADED));
    conditions.add(condition(previous, DEGRADED, !degraded.isEmpty(),
        degraded.isEmpty() ? "AsExpected" : degraded.get(0).reason(),
        degraded.isEmpty() ? "Every member is healthy" : joined(degraded), generation, now));

    boolean paused = observed.spec().paused();
    conditions.add(condition(previous, PAUSED, paused, paused ? "PausedBySpec" : "NotPaused",
        paused ? "spec.paused is true: the operator changes nothing but status; set it to false to resume"
            : "The operator manages the cluster", generation, now));

    boolean formed = ClusterHealth.formed(observed);
    conditions.add(condition(previous, CLUSTER_FORMED, formed, formed ? "RaftFormed" : "WaitingForMembers",
        formed ? "One Raft leader with voters " + observed.topology().expectedVoters()
            : observed.leader().isEmpty()
                ? "No Raft leader is known yet"
                : "Voters are " + observed.voters().map(v -> v.stream().sorted().toList().toString()).orElse("[]")
                    + ", expected " + observed.topology().expectedVoters(),
        generation, now));
    return conditions;
  }

  private static String joined(List<Notice> notices) {
    return notices.stream().map(Notice::message).distinct().collect(Collectors.joining("; "));
  }

  /** A condition with its lastTransitionTime as {@link Conditions#transitioned} keeps it. */
  public static Condition condition(List<Condition> previous, String type, boolean status, String reason,
      String message, long generation, Instant now) {
    return Conditions.transitioned(previous, type, status, reason, message, generation, now);
  }

  /** Puts {@code condition} into {@code status}, replacing one of the same type. */
  public static void put(HyperbytedbClusterStatus status, Condition condition) {
    List<Condition> conditions = new ArrayList<>(Optional.ofNullable(status.getConditions()).orElse(List.of()));
    conditions.removeIf(c -> condition.getType().equals(c.getType()));
    conditions.add(condition);
    status.setConditions(conditions);
  }

  /** The conditions of {@code status}; empty when there is none. */
  public static List<Condition> of(HyperbytedbClusterStatus status) {
    return status == null || status.getConditions() == null ? List.of() : status.getConditions();
  }
}
