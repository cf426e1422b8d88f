package cloud.hyperbyte.operator.step;

/**
 * Why a step of a pod the operator creates (backup upload, restore fetch, seed serve and fetch)
 * did not do its job; the message becomes the pod's termination message.
 */
public class StepFailedException extends Exception {

  private final boolean transientFailure;

  public StepFailedException(String message, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  /** Whether another attempt may work (the step then exits 75, which the operator retries). */
  public boolean transientFailure() {
    return transientFailure;
  }
}
