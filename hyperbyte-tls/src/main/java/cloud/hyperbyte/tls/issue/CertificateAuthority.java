package cloud.hyperbyte.tls.issue;

import cloud.hyperbyte.tls.keys.KeyMatcher;
import cloud.hyperbyte.tls.pem.PemException;
import cloud.hyperbyte.tls.pem.PemReader;
import cloud.hyperbyte.tls.pem.PemWriter;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * The operator's certificate authority: a self-signed CA certificate and its private key, which is
 * kept (in the {@code <name>-ca} Secret) so node certificates can be issued and renewed later.
 */
public record CertificateAuthority(X509Certificate certificate, PrivateKey privateKey) {

  public CertificateAuthority {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  /**
   * Loads a CA from PEM, checking that the certificate is a CA certificate and that the key belongs
   * to it.
   */
  public static CertificateAuthority fromPem(byte[] certificatePem, byte[] privateKeyPem)
      throws PemException {
    X509Certificate certificate = PemReader.readCertificate(certificatePem);
    PrivateKey key = PemReader.readPrivateKey(privateKeyPem);
    if (certificate.getBasicConstraints() < 0) {
      throw new PemException(
          "certificate " + certificate.getSubjectX500Principal() + " is not a CA certificate");
    }
    if (!KeyMatcher.matches(certificate.getPublicKey(), key)) {
      throw new PemException("the CA private key does not belong to the CA certificate");
    }
    return new CertificateAuthority(certificate, key);
  }

  /** The certificate as one PEM block ({@code ca.crt}). */
  public byte[] certificatePem() {
    return PemWriter.certificate(certificate);
  }

  /** The private key as PKCS#8 PEM ({@code ca.key}). */
  public byte[] privateKeyPem() {
    return PemWriter.privateKey(privateKey);
  }
}
