/**
 * The HTTP adapter for HyperbyteDB members: implements the reconcile module's
 * {@link cloud.hyperbyte.reconcile.port.DatabaseNodes} with short timeouts, optional HTTPS with the
 * cluster CA and admin Basic auth, and a replaceable {@link cloud.hyperbyte.operator.database.PodAddressResolver}.
 */
package cloud.hyperbyte.operator.database;
