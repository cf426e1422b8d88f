package cloud.hyperbyte.reconcile.port;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer of {@code GET /health} (contract §4): 200 {@code {"status":"pass",…}} when the node is
 * Active with a live WAL batcher and a writable disk; 503 {@code {"status":"warn","message":"node is
 * Draining, not accepting traffic"}} for a non-Active state; 503 {@code {"status":"fail",…}} for a dead
 * WAL batcher or a read-only disk. A 503 is an answer, not a failed call.
 *
 * @param httpStatus 200 or 503
 * @param status {@code pass}, {@code warn} or {@code fail}
 * @param message the server's message
 */
public record NodeHealth(int httpStatus, String status, String message) {

  private static final String STATE_PREFIX = "node is ";

  public NodeHealth {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
  }

  /** A healthy node's answer. */
  public static NodeHealth pass() {
    return new NodeHealth(200, "pass", "ready for queries and writes");
  }

  /** The answer of a node in a non-Active state. */
  public static NodeHealth notActive(NodeState state) {
    return new NodeHealth(503, "warn", STATE_PREFIX + state.displayName() + ", not accepting traffic");
  }

  /** A failed-check answer (WAL batcher down, disk read-only). */
  public static NodeHealth fail(String message) {
    return new NodeHealth(503, "fail", message);
  }

  /** Whether the node serves traffic: HTTP 200. */
  public boolean healthy() {
    return httpStatus == 200;
  }

  /** The state named in a {@code warn} body ("node is Draining, …"), if any. */
  public Optional<NodeState> reportedState() {
    if (!"warn".equals(status.toLowerCase(Locale.ROOT)) || !message.startsWith(STATE_PREFIX)) {
      return Optional.empty();
    }
    String rest = message.substring(STATE_PREFIX.length());
    int end = rest.indexOf(',');
    return NodeState.fromWire(end < 0 ? rest : rest.substring(0, end));
  }
}
