package cloud.hyperbyte.tls.issue;

import cloud.hyperbyte.tls.pem.PemWriter;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/** One node's certificate and private key. */
public record NodeCertificate(X509Certificate certificate, PrivateKey privateKey) {

  public NodeCertificate {
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(privateKey, "privateKey");
  }

  /** The certificate as one PEM block ({@code node-<i>.crt}). */
  public byte[] certificatePem() {
    return PemWriter.certificate(certificate);
  }

  /** The private key as PKCS#8 PEM ({@code node-<i>.key}). */
  public byte[] privateKeyPem() {
    return PemWriter.privateKey(privateKey);
  }
}
