package cloud.hyperbyte.render.workload;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;

/**
 * Database probes (contract §0.9, §8). {@code /ping} answers once the listener is up, which can take
 * minutes on a big node (WAL replay, cache warm-up), so the startup probe allows 600 s. Liveness uses
 * {@code /ping} too: {@code /health} is 503 while Syncing or Draining and would get a healthy node
 * killed. Readiness uses {@code /health}, so only Active members receive traffic.
 */
public final class Probes {

  public static final String PING = "/ping";
  public static final String HEALTH = "/health";

  private Probes() {}

  public static Probe startup(String port, boolean https) {
    return http(PING, port, https, 5, 3, 120);
  }

  public static Probe liveness(String port, boolean https) {
    return http(PING, port, https, 10, 3, 3);
  }

  public static Probe readiness(String port, boolean https) {
    return http(HEALTH, port, https, 5, 3, 3);
  }

  /** An HTTP GET probe on a named port. */
  public static Probe http(String path, String port, boolean https, int periodSeconds, int timeoutSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString(port))
        .withScheme(https ? "HTTPS" : "HTTP")
        .endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(timeoutSeconds)
        .withFailureThreshold(failureThreshold)
        .build();
  }
}
