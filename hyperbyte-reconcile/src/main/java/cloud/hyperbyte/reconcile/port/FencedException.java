package cloud.hyperbyte.reconcile.port;

/**
 * A {@link Fence} refused an action: this instance may no longer hold the leader Lease. Unchecked on
 * purpose: it ends the whole pass wherever it is raised (nothing after it may happen either), and no
 * caller handles it other than by stopping.
 */
public final class FencedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public FencedException(String message) {
    super(message);
  }
}
