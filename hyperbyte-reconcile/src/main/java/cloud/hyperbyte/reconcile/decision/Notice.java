package cloud.hyperbyte.reconcile.decision;

import java.util.Objects;

/**
 * Why a decision waits, is blocked, or failed, in words a person can act on. Status turns notices
 * into condition reasons and messages.
 *
 * @param severity how the cluster is affected
 * @param reason CamelCase condition reason
 * @param message what is happening and what to do about it
 */
public record Notice(Severity severity, String reason, String message) {

  /** How a notice affects conditions and phase. */
  public enum Severity {
    /** An operation is under way (Progressing=True). */
    PROGRESSING,
    /** The cluster runs with reduced safety or an operation is blocked (Degraded=True). */
    DEGRADED,
    /** An operation stopped and needs a person (phase Failed, Degraded=True). */
    FAILED
  }

  public Notice {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  public static Notice progressing(String reason, String message) {
    return new Notice(Severity.PROGRESSING, reason, message);
  }

  public static Notice degraded(String reason, String message) {
    return new Notice(Severity.DEGRADED, reason, message);
  }

  public static Notice failed(String reason, String message) {
    return new Notice(Severity.FAILED, reason, message);
  }
}
