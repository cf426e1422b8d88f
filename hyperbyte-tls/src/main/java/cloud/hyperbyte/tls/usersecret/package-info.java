/**
 * Validation of user-supplied {@code kubernetes.io/tls} Secrets into {@link
 * cloud.hyperbyte.tls.usersecret.Finding}s with stable {@link
 * cloud.hyperbyte.tls.usersecret.FindingCode}s, which the reconcile layer turns into conditions.
 */
package cloud.hyperbyte.tls.usersecret;
