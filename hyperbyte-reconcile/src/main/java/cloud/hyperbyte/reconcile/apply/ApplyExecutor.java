package cloud.hyperbyte.reconcile.apply;

/**
 * Sends a plan's requests through an {@link ObjectWriter}: applies in plan order with {@link
 * FieldManager#NAME}, then prunes. The first failure propagates and stops the rest; the next
 * reconcile re-plans from what is then live, so nothing here retries or remembers.
 */
public final class ApplyExecutor {

  private final ObjectWriter writer;

  public ApplyExecutor(ObjectWriter writer) {
    this.writer = writer;
  }

  /** Executes {@code plan}; returns the number of requests sent. */
  public int execute(ApplyPlan plan) {
    plan.applies().forEach(apply -> writer.apply(apply.object(), FieldManager.NAME));
    plan.prunes().forEach(prune -> writer.delete(prune.ref(), prune.uid()));
    return plan.writeCount();
  }
}
