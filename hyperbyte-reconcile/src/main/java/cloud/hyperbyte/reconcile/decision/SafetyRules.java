package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The last check every planned action passes, whatever decision produced it. It encodes the rules
 * no bug in a decision may break:
 *
 * <ul>
 *   <li>node 1 (ordinal 0) is never drained or removed, and its PVC is never deleted: it bootstraps
 *       Raft and would start a second group without its {@code raft/} directory;
 *   <li>a PVC is deleted only when its pod is gone and a leader confirms the node is neither voter
 *       nor learner;
 *   <li>at most one member is deliberately taken down per pass (drain, removal, or a pod restart other
 *       than failover, which is bounded by {@code maxFailoverCount} itself).
 * </ul>
 */
public final class SafetyRules {

  private SafetyRules() {}

  /** The outcome: actions that passed, and a notice per action that did not. */
  public record Vetted(List<Action> allowed, List<Notice> denied) {}

  public static Vetted vet(List<Action> actions, ObservedCluster observed) {
    List<Action> allowed = new ArrayList<>();
    List<Notice> denied = new ArrayList<>();
    boolean memberTakenDown = false;
    for (Action action : actions) {
      String denial = denial(action, observed);
      if (denial == null && deliberate(action)) {
        if (memberTakenDown) {
          denial = "another member is already being taken down in this pass";
        }
        memberTakenDown = true;
      }
      if (denial == null) {
        allowed.add(action);
      } else {
        denied.add(Notice.degraded("ActionRefused", action.getClass().getSimpleName() + " on "
            + observed.names().pod(action.ordinal()) + " refused: " + denial));
      }
    }
    return new Vetted(allowed, denied);
  }

  private static boolean deliberate(Action action) {
    return action instanceof Action.DrainMember
        || action instanceof Action.RemoveMember
        || (action instanceof Action.DeletePod d && !"MemberFailover".equals(d.reason()));
  }

  private static String denial(Action action, ObservedCluster observed) {
    boolean bootstrap = action.ordinal() == 0;
    if (action instanceof Action.DrainMember && bootstrap) {
      return "node 1 bootstraps Raft and is never drained";
    }
    if (action instanceof Action.RemoveMember && bootstrap) {
      return "node 1 bootstraps Raft and is never removed";
    }
    if (action instanceof Action.DeletePvc pvc) {
      if (bootstrap) {
        return "node 1's volume holds the Raft state the other members depend on";
      }
      if (observed.pod(pvc.ordinal()).filter(p -> !p.terminating()).isPresent()) {
        return "its pod still runs";
      }
      if (observed.voters().isEmpty()) {
        // a lone member runs standalone: no leader answers, but the StatefulSet shrank to one replica
        // only after every other member had been removed from Raft
        return observed.statefulSet().isPresent() && observed.statefulSetReplicas() == 1 ? null
            : "no Raft leader confirms the node has left the membership";
      }
      long nodeId = pvc.ordinal() + 1L;
      Set<Long> voters = observed.voters().get();
      if (voters.contains(nodeId) || observed.learners().contains(nodeId)) {
        return "node " + nodeId + " is still a Raft member";
      }
    }
    return null;
  }
}
