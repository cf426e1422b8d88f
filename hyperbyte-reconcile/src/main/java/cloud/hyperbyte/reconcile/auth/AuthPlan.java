package cloud.hyperbyte.reconcile.auth;

import cloud.hyperbyte.reconcile.decision.Action;
import java.util.Optional;

/**
 * What {@link AuthDecision} asks for in a pass: at most one database statement, and the state of
 * {@code AuthReady} (none with auth off). Messages never carry a password.
 *
 * @param action the statement to run, if any
 * @param ready the condition's status, empty when there is no condition
 * @param reason the condition's reason
 * @param message the condition's message
 */
public record AuthPlan(Optional<Action> action, Optional<Boolean> ready, String reason, String message) {

  /** No step and no condition (auth off, or a paused or held cluster). */
  public static AuthPlan none() {
    return new AuthPlan(Optional.empty(), Optional.empty(), "", "");
  }

  static AuthPlan waiting(String reason, String message) {
    return new AuthPlan(Optional.empty(), Optional.of(false), reason, message);
  }

  static AuthPlan acting(Action action, String reason, String message) {
    return new AuthPlan(Optional.of(action), Optional.of(false), reason, message);
  }

  static AuthPlan ready(String reason, String message) {
    return new AuthPlan(Optional.empty(), Optional.of(true), reason, message);
  }
}
