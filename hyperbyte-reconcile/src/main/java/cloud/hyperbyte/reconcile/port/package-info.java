/**
 * Ports: the small interfaces through which the lifecycle reaches the outside world, and the value
 * types they exchange.
 *
 * <ul>
 *   <li>{@link cloud.hyperbyte.reconcile.port.DatabaseNodes}: calls on one HyperbyteDB member
 *       (contract §2.3–§2.6, §4). Value types mirror the server's JSON shapes.
 *   <li>{@link cloud.hyperbyte.reconcile.port.ProxyAdmin}: backend exclusion on one
 *       hyperbytedb-proxy pod (contract §10).
 *   <li>{@link cloud.hyperbyte.reconcile.port.ClusterWrites}: the Kubernetes side effects the
 *       lifecycle needs beyond server-side apply.
 * </ul>
 *
 * <p>Adapters (HTTP, fabric8) live in hyperbyte-operator; simulated implementations live in
 * hyperbyte-testkit. Nothing here performs I/O. Time is always a {@link java.time.Clock} passed in.
 */
package cloud.hyperbyte.reconcile.port;
