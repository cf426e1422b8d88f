package cloud.hyperbyte.reconcile.port;

import java.util.Objects;
import java.util.Optional;

/**
 * A Kubernetes Event on the HyperbytedbCluster, one per action the operator takes on a member.
 *
 * @param type Normal or Warning
 * @param reason CamelCase reason, e.g. {@code MemberAdded}
 * @param message what happened, for a person
 * @param podName the member pod concerned, if any
 */
public record ClusterEvent(Type type, String reason, String message, Optional<String> podName) {

  /** Kubernetes event type. */
  public enum Type {
    NORMAL("Normal"),
    WARNING("Warning");

    private final String wireValue;

    Type(String wireValue) {
      this.wireValue = wireValue;
    }

    public String wireValue() {
      return wireValue;
    }
  }

  public ClusterEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(podName, "podName");
  }

  public static ClusterEvent normal(String reason, String message, String podName) {
    return new ClusterEvent(Type.NORMAL, reason, message, Optional.ofNullable(podName));
  }

  public static ClusterEvent warning(String reason, String message, String podName) {
    return new ClusterEvent(Type.WARNING, reason, message, Optional.ofNullable(podName));
  }
}
