package cloud.hyperbyte.testkit.db;

/** Where a member's last drain ({@code /internal/drain} or the SIGTERM drain) got to. */
public enum DrainOutcome {
  /** Flushing or waiting for peers' WAL acks; the member is Draining. */
  RUNNING,
  /** Peers acked, were told to drop the member, and it is Leaving. */
  LEFT,
  /** The ack wait timed out: the drain returned an error and the member stays Draining. */
  ACK_TIMEOUT
}
