package cloud.hyperbyte.reconcile.decision;

import java.time.Instant;
import java.util.Objects;

/**
 * A scale-down in progress, as kept in {@code status.scaleDown}: one member at a time.
 *
 * @param targetReplicas replicas being approached
 * @param ordinal member being removed
 * @param step its step
 * @param stepStartedAt when that step began
 */
public record ScaleDownProgress(int targetReplicas, int ordinal, ScaleDownStep step, Instant stepStartedAt) {

  public ScaleDownProgress {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(stepStartedAt, "stepStartedAt");
  }

  public ScaleDownProgress at(ScaleDownStep next, Instant at) {
    return new ScaleDownProgress(targetReplicas, ordinal, next, at);
  }
}
