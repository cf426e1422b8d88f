package cloud.hyperbyte.testkit.cluster;

import java.time.Instant;

/**
 * One call to a simulated proxy's admin API.
 *
 * @param proxyPod the proxy pod called
 * @param action {@code exclude} or {@code include}
 * @param backendIp the database pod IP in the path
 * @param status the HTTP status answered
 * @param at when it was answered, on the simulated time
 */
public record ProxyCall(String proxyPod, String action, String backendIp, int status, Instant at) {}
