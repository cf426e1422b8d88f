package cloud.hyperbyte.reconcile.port;

import java.util.Objects;
import java.util.OptionalInt;

/** A call to a proxy pod's admin API that did not produce a result. */
public final class ProxyCallException extends Exception {

  private static final long serialVersionUID = 1L;

  private final CallFailure kind;
  private final String podName;
  private final Integer httpStatus;

  public ProxyCallException(CallFailure kind, ProxyEndpoint proxy, OptionalInt httpStatus, String message, Throwable cause) {
    super("proxy " + proxy.podName() + ": " + message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.podName = proxy.podName();
    this.httpStatus = httpStatus.isPresent() ? httpStatus.getAsInt() : null;
  }

  public CallFailure kind() {
    return kind;
  }

  public String podName() {
    return podName;
  }

  public OptionalInt httpStatus() {
    return httpStatus == null ? OptionalInt.empty() : OptionalInt.of(httpStatus);
  }
}
