/**
 * The seed data path, pod to pod (never through the operator): {@code hyperbyte seed-serve} in the
 * source pod serves a backup directory as a tar to exactly one client holding the one-time token;
 * {@code hyperbyte seed-fetch} in the target pod fetches, verifies and unpacks it.
 */
package cloud.hyperbyte.operator.seed;
