package cloud.hyperbyte.tls.inspect;

import cloud.hyperbyte.tls.keys.KeyMatcher;
import cloud.hyperbyte.tls.pem.PemException;
import cloud.hyperbyte.tls.pem.PemReader;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Reads certificate (and optional key) PEM into a {@link CertificateReport}. */
public final class CertificateInspector {

  private final ChainVerifier chainVerifier;

  /** Chains are verified as of {@code clock}'s current instant. */
  public CertificateInspector(Clock clock) {
    this.chainVerifier = new ChainVerifier(clock);
  }

  /**
   * Inspects the first certificate of {@code certificatePem} (later ones are treated as
   * intermediates for the chain check).
   *
   * @param privateKeyPem the key to match against the certificate, or {@code null}
   * @param ca the CA to verify the chain against, or {@code null}
   */
  public CertificateReport inspect(byte[] certificatePem, byte[] privateKeyPem, X509Certificate ca)
      throws PemException {
    List<X509Certificate> chain = PemReader.readCertificates(certificatePem);
    X509Certificate leaf = chain.get(0);
    Optional<Boolean> keyMatches = Optional.empty();
    if (privateKeyPem != null) {
      PrivateKey key = PemReader.readPrivateKey(privateKeyPem);
      keyMatches = Optional.of(KeyMatcher.matches(leaf.getPublicKey(), key));
    }
    Optional<ChainVerification> verification =
        Optional.ofNullable(ca).map(trusted -> chainVerifier.verify(chain, List.of(trusted)));
    SubjectAlternativeNames sans = SubjectAlternativeNames.of(leaf);
    return new CertificateReport(
        leaf.getSubjectX500Principal().getName(),
        leaf.getIssuerX500Principal().getName(),
        leaf.getSerialNumber(),
        leaf.getNotBefore().toInstant(),
        leaf.getNotAfter().toInstant(),
        sans.dnsNames(),
        sans.ipAddresses(),
        keyMatches,
        verification);
  }
}
