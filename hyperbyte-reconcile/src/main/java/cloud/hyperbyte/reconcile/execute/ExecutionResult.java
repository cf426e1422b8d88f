package cloud.hyperbyte.reconcile.execute;

import cloud.hyperbyte.reconcile.decision.Action;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to a plan's actions.
 *
 * @param completed actions that succeeded, in the order they ran
 * @param effective those of {@code completed} that changed something, whose events were recorded (a
 *     proxy that already excluded a member, or never knew it, changed nothing)
 * @param failure the action that failed, if one did; execution stopped there
 * @param notRun actions after the failed one, never attempted
 */
public record ExecutionResult(
    List<Action> completed, List<Action> effective, Optional<ActionFailure> failure, List<Action> notRun) {

  public ExecutionResult {
    completed = List.copyOf(completed);
    effective = List.copyOf(effective);
    if (!completed.containsAll(effective)) {
      throw new IllegalArgumentException("only completed actions can have changed something");
    }
    Objects.requireNonNull(failure, "failure");
    notRun = List.copyOf(notRun);
    if (failure.isEmpty() && !notRun.isEmpty()) {
      throw new IllegalArgumentException("actions are left unrun only after a failure");
    }
  }

  /** Every action completed (true for an empty plan). */
  public boolean succeeded() {
    return failure.isEmpty();
  }

  /**
   * Whether the pass's planned status may be written. Not after a failure: the status carries the
   * memory of steps (a drain started, a member removed) that did not happen, and the next pass must
   * decide again from what it then observes.
   */
  public boolean statusWritable() {
    return succeeded();
  }

  /** The suggested delay before the next pass after a failure; empty when all actions completed. */
  public Optional<Duration> retryAfter() {
    return failure.map(ActionFailure::retryAfter);
  }
}
