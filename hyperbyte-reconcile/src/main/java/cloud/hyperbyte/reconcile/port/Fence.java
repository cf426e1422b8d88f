package cloud.hyperbyte.reconcile.port;

/**
 * Whether this operator instance may still act. With several operator replicas only the holder of
 * the leader Lease may write to the API server or call members and proxies; an instance that stopped
 * renewing the Lease must stop acting before another can acquire it. Consulted right before every
 * disruptive or member-visible action (the {@code ActionExecutor}, the member and proxy adapters, the
 * API client), so a pass that was running when leadership ended stops at its next action.
 */
public interface Fence {

  /**
   * Returns while this instance may act.
   *
   * @param action what is about to happen, for the refusal's log line and exception
   * @throws FencedException when leadership may have ended: the action must not happen
   */
  void check(String action);

  /** A fence that never closes: a single operator replica without leader election, and tests of other concerns. */
  static Fence open() {
    return action -> {};
  }
}
