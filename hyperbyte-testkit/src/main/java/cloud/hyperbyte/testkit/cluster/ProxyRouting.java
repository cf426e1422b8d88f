package cloud.hyperbyte.testkit.cluster;

import java.time.Instant;
import java.util.Set;

/**
 * The backends one simulated proxy pod routes to (Active and not excluded), reported when the pod
 * starts and after every change: a discovery, a health probe or an exclude/include call.
 *
 * @param proxyPod the proxy pod
 * @param backendIps the database pod IPs it routes to from now on
 * @param at when, on the simulated time
 */
public record ProxyRouting(String proxyPod, Set<String> backendIps, Instant at) {

  public ProxyRouting {
    backendIps = Set.copyOf(backendIps);
  }
}
