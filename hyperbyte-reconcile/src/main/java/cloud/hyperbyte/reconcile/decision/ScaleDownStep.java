package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.reconcile.port.WireEnums;
import java.util.Optional;

/** Steps of removing one member; the wire names are those of {@code ScaleDownStatus.step}. */
public enum ScaleDownStep {
  /** Drain requested; waiting for Leaving, or Draining past the server's ack timeout. */
  DRAINING("Draining"),
  /** Removing the node from the Raft voters through the leader. */
  REMOVING("Removing"),
  /** Shrinking the StatefulSet and applying the PVC retention policy. */
  SHRINKING("Shrinking");

  private final String wireName;

  ScaleDownStep(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<ScaleDownStep> fromWire(String value) {
    return WireEnums.byWireName(ScaleDownStep.class, ScaleDownStep::wireName, value);
  }

}
