package cloud.hyperbyte.reconcile.snapshot;

import io.fabric8.kubernetes.api.model.Quantity;

/** Storage quantities compared by amount, so {@code 1Gi} equals {@code 1024Mi}. */
public final class Sizes {

  private Sizes() {}

  public static int compare(Quantity a, Quantity b) {
    return Quantity.getAmountInBytes(a).compareTo(Quantity.getAmountInBytes(b));
  }

  /** As written in the spec or the PVC, e.g. {@code 20Gi}. */
  public static String text(Quantity q) {
    return q.getAmount() + (q.getFormat() == null ? "" : q.getFormat());
  }
}
