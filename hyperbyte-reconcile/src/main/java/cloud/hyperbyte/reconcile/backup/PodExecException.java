package cloud.hyperbyte.reconcile.backup;

/** An exec that could not start or whose connection broke; worth another try. */
public class PodExecException extends RuntimeException {

  public PodExecException(String message, Throwable cause) {
    super(message, cause);
  }

  public PodExecException(String message) {
    super(message);
  }
}
