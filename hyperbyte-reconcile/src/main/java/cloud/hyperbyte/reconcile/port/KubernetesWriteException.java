package cloud.hyperbyte.reconcile.port;

/** The API server refused or did not answer a write. */
public final class KubernetesWriteException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int httpStatus;

  /** @param httpStatus the API server's status code, 0 when there was no answer */
  public KubernetesWriteException(int httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** 409: the object changed since it was read. */
  public boolean isConflict() {
    return httpStatus == 409;
  }
}
