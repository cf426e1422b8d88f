package cloud.hyperbyte.tls.issue;

import cloud.hyperbyte.tls.keys.KeyAlgorithm;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/** Creates self-signed CAs that may sign end-entity certificates only (path length 0). */
public final class CertificateAuthorityFactory {

  /** Ten years: long enough that CA rotation, which re-issues every node certificate, is rare. */
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(3650);

  private final Clock clock;
  private final SecureRandom random;

  public CertificateAuthorityFactory(Clock clock, SecureRandom random) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** An ECDSA P-256 CA valid for {@link #DEFAULT_VALIDITY}. */
  public CertificateAuthority create(String commonName) {
    return create(commonName, KeyAlgorithm.EC_P256, DEFAULT_VALIDITY);
  }

  /** A CA with subject {@code CN=<commonName>}, a fresh key of the given type and validity. */
  public CertificateAuthority create(String commonName, KeyAlgorithm algorithm, Duration validity) {
    CertificateSigning.requirePositive(validity);
    KeyPair keys = algorithm.generate(random);
    X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    Instant now = clock.instant();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            subject,
            CertificateSigning.serial(random),
            Date.from(now.minus(CertificateSigning.CLOCK_SKEW_ALLOWANCE)),
            Date.from(now.plus(validity)),
            subject,
            keys.getPublic());
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(
              Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(
              Extension.subjectKeyIdentifier,
              false,
              extensions.createSubjectKeyIdentifier(keys.getPublic()));
    } catch (CertIOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("building CA certificate extensions failed", e);
    }
    return new CertificateAuthority(
        CertificateSigning.sign(builder, keys.getPrivate(), random), keys.getPrivate());
  }
}
