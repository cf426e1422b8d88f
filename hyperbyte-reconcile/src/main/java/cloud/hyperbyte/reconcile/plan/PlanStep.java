package cloud.hyperbyte.reconcile.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * One lifecycle step of a {@link ChangePlan}, in the order the operator takes it.
 *
 * @param action what happens, e.g. {@code restart}, {@code drain}, {@code remove-node}, {@code add-node},
 *     {@code start-member}, {@code stop-member}, {@code delete-pvc}, {@code resize-volume}
 * @param member the member pod it concerns, if any
 * @param reason why, in the words the operator's event uses
 * @param event the reason of the Event the operator records for it; empty for steps the StatefulSet
 *     controller takes (a member pod created or removed)
 */
public record PlanStep(String action, Optional<String> member, String reason, Optional<String> event) {

  public PlanStep {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(event, "event");
  }

  /** Whether this step repeats {@code other}'s action on the same member (a proxy exclusion each pass). */
  boolean repeats(PlanStep other) {
    return action.equals(other.action) && member.equals(other.member);
  }
}
