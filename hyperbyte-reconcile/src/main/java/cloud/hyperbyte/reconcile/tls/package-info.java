/**
 * TLS material of a cluster as a decision: from the spec, the Secrets the operator observes and the
 * clock, which Secrets to write, the hash that rolls members when material changes, and the state
 * to report. Operator CA: the CA lives in {@code <name>-ca} (key kept so it can issue and renew),
 * member certificates in {@code <name>-tls} as {@code node-<i>.crt/.key}; user Secret: validated;
 * cert-manager: waited for. Key generation uses an injected {@link java.security.SecureRandom}.
 */
package cloud.hyperbyte.reconcile.tls;
