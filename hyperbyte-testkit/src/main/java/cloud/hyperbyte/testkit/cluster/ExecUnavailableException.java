package cloud.hyperbyte.testkit.cluster;

/** An exec that cannot start: the pod or container does not exist or does not run. */
public final class ExecUnavailableException extends RuntimeException {

  public ExecUnavailableException(String message) {
    super(message);
  }
}
