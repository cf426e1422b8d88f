package cloud.hyperbyte.reconcile.port;

import java.util.Objects;

/**
 * The admin listener of one hyperbytedb-proxy pod. Exclusions are kept in memory per proxy pod, so
 * every pod is called (contract §10).
 *
 * @param podName proxy pod name
 * @param podIp the pod's IP; the admin API is reached on it directly, not through the Service
 * @param adminPort admin port (8087 by default)
 */
public record ProxyEndpoint(String podName, String podIp, int adminPort) {

  public ProxyEndpoint {
    Objects.requireNonNull(podName, "podName");
    Objects.requireNonNull(podIp, "podIp");
    if (adminPort < 1 || adminPort > 65535) {
      throw new IllegalArgumentException("adminPort must be 1..65535, was " + adminPort);
    }
  }
}
