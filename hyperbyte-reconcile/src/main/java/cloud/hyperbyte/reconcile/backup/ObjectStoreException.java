package cloud.hyperbyte.reconcile.backup;

import java.util.Objects;

/** An object store call that failed, classified so decisions can tell retryable from final. */
public class ObjectStoreException extends RuntimeException {

  /** Why the call failed. */
  public enum Reason {
    /** Wrong or missing credentials, or a policy that forbids the call (HTTP 403). */
    ACCESS_DENIED(false),
    /** The bucket does not exist. */
    NO_SUCH_BUCKET(false),
    /** The key does not exist. */
    NOT_FOUND(false),
    /** No connection, timeout, throttling or a 5xx: worth another try. */
    UNAVAILABLE(true),
    /** Anything else (bad request, unexpected answer). */
    OTHER(false);

    private final boolean transientFailure;

    Reason(boolean transientFailure) {
      this.transientFailure = transientFailure;
    }

    public boolean transientFailure() {
      return transientFailure;
    }
  }

  private final Reason reason;

  public ObjectStoreException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public ObjectStoreException(Reason reason, String message) {
    this(reason, message, null);
  }

  public Reason reason() {
    return reason;
  }
}
