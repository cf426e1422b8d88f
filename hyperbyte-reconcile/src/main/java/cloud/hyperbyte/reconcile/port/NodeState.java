package cloud.hyperbyte.reconcile.port;

import java.util.Locale;
import java.util.Optional;

/**
 * A node's membership state (contract §4). {@code /cluster/*} sends lowercase names, {@code /health}
 * bodies and {@code /internal/membership} the capitalised ones; {@link #fromWire} takes both.
 */
public enum NodeState {
  JOINING,
  SYNCING,
  ACTIVE,
  DISCONNECTED,
  DRAINING,
  LEAVING;

  /** The state named {@code value} in any case, or empty for an unknown name. */
  public static Optional<NodeState> fromWire(String value) {
    return WireEnums.ignoringCase(NodeState.class, value);
  }

  /** The lowercase name {@code /cluster/metrics} uses. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The capitalised name {@code /health} uses, e.g. {@code Draining}. */
  public String displayName() {
    return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
  }
}
