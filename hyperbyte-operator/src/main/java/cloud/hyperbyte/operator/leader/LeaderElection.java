package cloud.hyperbyte.operator.leader;

/** Decides whether this process reconciles. Closing it gives leadership up. */
public interface LeaderElection extends AutoCloseable {

  /** Starts competing (or, without election, leads at once). */
  void start();

  /** Whether this process leads right now. */
  boolean isLeader();

  /** Stops competing and releases the Lease if held, so a standby takes over without waiting for expiry. */
  @Override
  void close();
}
