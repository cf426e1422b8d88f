/**
 * Inspection of existing certificates: validity, SANs, subject and issuer, key match, and chain
 * verification with the JDK's PKIX validator at the injected clock's instant.
 */
package cloud.hyperbyte.tls.inspect;
