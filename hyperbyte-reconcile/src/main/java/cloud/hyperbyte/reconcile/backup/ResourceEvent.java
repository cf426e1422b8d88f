package cloud.hyperbyte.reconcile.backup;

import java.util.Objects;

/**
 * A Kubernetes Event a backup or restore decision asks for, on its own custom resource.
 *
 * @param warning Warning rather than Normal
 * @param reason CamelCase reason, e.g. {@code BackupCompleted}
 * @param message what happened, for a person
 */
public record ResourceEvent(boolean warning, String reason, String message) {

  public ResourceEvent {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  public static ResourceEvent normal(String reason, String message) {
    return new ResourceEvent(false, reason, message);
  }

  public static ResourceEvent warning(String reason, String message) {
    return new ResourceEvent(true, reason, message);
  }

  /** {@code Normal} or {@code Warning}. */
  public String type() {
    return warning ? "Warning" : "Normal";
  }
}
