package cloud.hyperbyte.testkit.db;

import java.util.Locale;

/** HyperbyteDB's {@code NodeState} (contract §4), for self and for peers in a node's view. */
public enum NodeState {
  JOINING(0),
  SYNCING(3),
  ACTIVE(1),
  DISCONNECTED(0),
  DRAINING(4),
  LEAVING(5);

  private final int metricCode;

  NodeState(int metricCode) {
    this.metricCode = metricCode;
  }

  /** Lowercase, as {@code /cluster/*} shows it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Capitalised, as {@code /health} bodies and {@code /internal/membership} show it. */
  public String displayName() {
    return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
  }

  /**
   * {@code hyperbytedb_cluster_node_state} as the server sets it: 1 Active, 3 Syncing, 4 Draining,
   * 5 Leaving; the server never sets self to the other states, so their 0 is never exported.
   */
  int metricCode() {
    return metricCode;
  }
}
