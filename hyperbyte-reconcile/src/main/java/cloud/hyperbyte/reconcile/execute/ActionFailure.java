package cloud.hyperbyte.reconcile.execute;

import cloud.hyperbyte.reconcile.decision.Action;
import java.time.Duration;
import java.util.Objects;

/**
 * The action that stopped a pass, and why.
 *
 * @param action the action that did not complete
 * @param reason CamelCase reason, also the reason of the Warning event, e.g. {@code MemberDrainFailed}
 * @param message what went wrong, for a person (the port's message)
 * @param cause what the port threw, or null when the port answered but the answer means failure
 *     (an {@code add-node} whose promotion failed)
 * @param retryAfter how long the caller should wait before the next pass
 */
public record ActionFailure(Action action, String reason, String message, Exception cause, Duration retryAfter) {

  public ActionFailure {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(retryAfter, "retryAfter");
  }
}
