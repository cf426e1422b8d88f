package cloud.hyperbyte.reconcile.decision;

import cloud.hyperbyte.reconcile.port.WireEnums;
import java.util.Optional;

/** Steps of upgrading one member; the wire names are those of {@code RollingUpgradeStatus.step}. */
public enum UpgradeStep {
  /** Taking the member out of every proxy pod's rotation. */
  EXCLUDING("Excluding"),
  /** Out of traffic for {@code drainWaitSecs} before the restart. */
  WAITING("Waiting"),
  /** Letting the StatefulSet controller replace the pod. */
  RESTARTING("Restarting"),
  /** Waiting until the member is Ready, Active and a Raft voter again. */
  REJOINING("Rejoining"),
  /** Putting the member back into every proxy pod's rotation. */
  INCLUDING("Including");

  private final String wireName;

  UpgradeStep(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Optional<UpgradeStep> fromWire(String value) {
    return WireEnums.byWireName(UpgradeStep.class, UpgradeStep::wireName, value);
  }

}
