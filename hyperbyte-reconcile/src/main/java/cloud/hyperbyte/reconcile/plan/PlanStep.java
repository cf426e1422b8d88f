package cloud.hyperbyte.reconcile.plan;

import java.util.Objects;
import java.util.Optional;

/**
 * One lifecycle step of a {@link ChangePlan}, in the order the operator takes it.
 *
 * @param action what happens, e.g. {@code restart}, {@code drain}, {@code remove-node}, {@code add-node},
 *     {@code start-member}, {@code stop-member}, {@code delete-pvc}, {@code resize-volume}, and the
 *     adoption's {@code remove-finalizer}, {@code replace-secret}, {@code replace-pdb},
 *     {@code keep-proxy}, {@code replace-statefulset}, and {@code seed} (a new member's claim filled
 *     with a fresh backup of a serving member before the member starts on it)
 * @param member the member pod it concerns, if any
 * @param object the object it concerns when that is not a member pod, e.g. {@code StatefulSet db}
 * @param reason why, in the words the operator's event uses
 * @param event the reason of the Event the operator records for it; empty for steps the StatefulSet
 *     controller takes (a member pod created or removed) and for ones the operator records no Event for
 */
public record PlanStep(String action, Optional<String> member, Optional<String> object, String reason,
    Optional<String> event) {

  public PlanStep {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(event, "event");
  }

  /** A step about a member pod (or about the cluster as a whole, when {@code member} is empty). */
  static PlanStep member(String action, Optional<String> member, String reason, Optional<String> event) {
    return new PlanStep(action, member, Optional.empty(), reason, event);
  }

  /** A step about an object other than a member pod, e.g. {@code kind} StatefulSet. */
  static PlanStep object(String action, String kind, String name, String reason, Optional<String> event) {
    return new PlanStep(action, Optional.empty(), Optional.of(kind + " " + name), reason, event);
  }

  /** Whether this step repeats {@code other}'s action on the same member or object (a proxy exclusion each pass). */
  boolean repeats(PlanStep other) {
    return action.equals(other.action) && member.equals(other.member) && object.equals(other.object);
  }
}
