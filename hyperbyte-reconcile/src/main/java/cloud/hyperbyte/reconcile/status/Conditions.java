package cloud.hyperbyte.reconcile.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.List;

/**
 * The one rule for a status condition's {@code lastTransitionTime}, used by the cluster, backup and
 * restore statuses alike: kept from the previous condition of the same type while its status
 * (True/False) stays the same, {@code now} when it flips or the condition is new.
 */
public final class Conditions {

  private Conditions() {}

  /** The condition {@code type} as it stands now, given the {@code previous} conditions (may be empty). */
  public static Condition transitioned(List<Condition> previous, String type, boolean status, String reason,
      String message, long generation, Instant now) {
    String value = status ? "True" : "False";
    String since = previous.stream()
        .filter(c -> type.equals(c.getType()) && value.equals(c.getStatus()) && c.getLastTransitionTime() != null)
        .map(Condition::getLastTransitionTime)
        .findFirst()
        .orElse(now.toString());
    return new ConditionBuilder()
        .withType(type)
        .withStatus(value)
        .withReason(reason)
        .withMessage(message)
        .withObservedGeneration(generation)
        .withLastTransitionTime(since)
        .build();
  }
}
