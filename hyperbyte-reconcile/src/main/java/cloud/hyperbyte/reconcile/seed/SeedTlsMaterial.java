package cloud.hyperbyte.reconcile.seed;

import cloud.hyperbyte.tls.issue.CertificateAuthority;
import cloud.hyperbyte.tls.issue.CertificateAuthorityFactory;
import cloud.hyperbyte.tls.issue.NodeCertificate;
import cloud.hyperbyte.tls.issue.NodeCertificateIssuer;
import cloud.hyperbyte.tls.keys.KeyAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The TLS files of one seed: a CA made for this seed alone, and the source's certificate it signs.
 * The CA's key is dropped once the certificate is signed, so the seed's Secret can never sign
 * another: a target that trusts only this CA talks to this seed's source and nobody else, whatever
 * address it reaches it at (pods are reached by IP, unknown when the certificate is issued, so the
 * chain is the identity and no host name is checked).
 *
 * <p>Why not the cluster's own CA: HyperbyteDB 0.8.5 serves HTTPS only on single-member clusters
 * (the model refuses server TLS with more than one member), and a single member has no peer to be
 * seeded from; so every seed happens in a cluster without a CA, and the seed brings its own.
 *
 * @param caCertificatePem the seed CA's certificate (the target's only trust anchor)
 * @param certificatePem the source's certificate
 * @param privateKeyPem the source's private key, PKCS#8
 */
public record SeedTlsMaterial(String caCertificatePem, String certificatePem, String privateKeyPem) {

  /**
   * Longer than a seed lives, a blocked one that is started over weeks later included (its Secret
   * stays): the CA signs nothing else, so a long validity trusts nothing more.
   */
  public static final Duration VALIDITY = Duration.ofDays(365);

  public SeedTlsMaterial {
    Objects.requireNonNull(caCertificatePem, "caCertificatePem");
    Objects.requireNonNull(certificatePem, "certificatePem");
    Objects.requireNonNull(privateKeyPem, "privateKeyPem");
  }

  /** Fresh material for the seed named {@code seedName} (its Secret's name: the certificate's only DNS name). */
  public static SeedTlsMaterial issue(String seedName, Clock clock, SecureRandom random) {
    CertificateAuthority ca = new CertificateAuthorityFactory(clock, random)
        .create("hyperbytedb seed CA", KeyAlgorithm.EC_P256, VALIDITY);
    NodeCertificate source = new NodeCertificateIssuer(ca, clock, random)
        .issue(java.util.List.of(seedName), KeyAlgorithm.EC_P256, VALIDITY);
    return new SeedTlsMaterial(text(ca.certificatePem()), text(source.certificatePem()), text(source.privateKeyPem()));
  }

  private static String text(byte[] pem) {
    return new String(pem, StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return "SeedTlsMaterial[private key redacted]";
  }
}
