/**
 * Issuing material: the operator's {@link cloud.hyperbyte.tls.issue.CertificateAuthority} and one
 * {@link cloud.hyperbyte.tls.issue.NodeCertificate} per node. Clock and randomness are injected;
 * nothing here reads the wall clock or a default {@code SecureRandom}.
 */
package cloud.hyperbyte.tls.issue;
