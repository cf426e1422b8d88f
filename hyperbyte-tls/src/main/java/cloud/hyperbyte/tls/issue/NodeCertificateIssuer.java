package cloud.hyperbyte.tls.issue;

import cloud.hyperbyte.tls.keys.KeyAlgorithm;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * Issues node certificates from a {@link CertificateAuthority}: exactly the DNS names given, server
 * and client authentication, a fresh key per certificate.
 */
public final class NodeCertificateIssuer {

  /** Ninety days, renewed well before expiry by the renewal policy. */
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(90);

  /** RFC 5280's upper bound for a common name. */
  private static final int MAX_COMMON_NAME_LENGTH = 64;

  private final CertificateAuthority ca;
  private final Clock clock;
  private final SecureRandom random;

  public NodeCertificateIssuer(CertificateAuthority ca, Clock clock, SecureRandom random) {
    this.ca = Objects.requireNonNull(ca, "ca");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** An ECDSA P-256 certificate for {@code dnsNames}, valid for {@link #DEFAULT_VALIDITY}. */
  public NodeCertificate issue(List<String> dnsNames) {
    return issue(dnsNames, KeyAlgorithm.EC_P256, DEFAULT_VALIDITY);
  }

  /**
   * A certificate whose SANs are exactly {@code dnsNames}. The subject CN is the first name of at
   * most 64 characters (long pod FQDNs do not fit a CN; clients match SANs anyway). The validity
   * is cut at the CA's own expiry, so a node certificate never outlives its issuer.
   */
  public NodeCertificate issue(List<String> dnsNames, KeyAlgorithm algorithm, Duration validity) {
    CertificateSigning.requirePositive(validity);
    List<String> names = List.copyOf(new LinkedHashSet<>(dnsNames));
    if (names.isEmpty() || names.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("a node certificate needs non-blank DNS names: " + dnsNames);
    }
    KeyPair keys = algorithm.generate(random);
    Instant now = clock.instant();
    Instant notAfter = now.plus(validity);
    Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
    if (notAfter.isAfter(caNotAfter)) {
      notAfter = caNotAfter;
    }
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            ca.certificate(),
            CertificateSigning.serial(random),
            Date.from(now.minus(CertificateSigning.CLOCK_SKEW_ALLOWANCE)),
            Date.from(notAfter),
            subject(names),
            keys.getPublic());
    int usage = KeyUsage.digitalSignature | (algorithm.isRsa() ? KeyUsage.keyEncipherment : 0);
    GeneralNames sans =
        new GeneralNames(
            names.stream()
                .map(name -> new GeneralName(GeneralName.dNSName, name))
                .toArray(GeneralName[]::new));
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      builder
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
          .addExtension(
              Extension.extendedKeyUsage,
              false,
              new ExtendedKeyUsage(
                  new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
          // an empty subject (no CN fits) requires a critical SAN extension (RFC 5280 4.2.1.6)
          .addExtension(Extension.subjectAlternativeName, commonName(names) == null, sans)
          .addExtension(
              Extension.authorityKeyIdentifier,
              false,
              extensions.createAuthorityKeyIdentifier(ca.certificate()))
          .addExtension(
              Extension.subjectKeyIdentifier,
              false,
              extensions.createSubjectKeyIdentifier(keys.getPublic()));
    } catch (CertIOException | NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("building node certificate extensions failed", e);
    }
    return new NodeCertificate(
        CertificateSigning.sign(builder, ca.privateKey(), random), keys.getPrivate());
  }

  private static X500Name subject(List<String> names) {
    String commonName = commonName(names);
    X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE);
    if (commonName != null) {
      builder.addRDN(BCStyle.CN, commonName);
    }
    return builder.build();
  }

  private static String commonName(List<String> names) {
    return names.stream()
        .filter(name -> name.length() <= MAX_COMMON_NAME_LENGTH)
        .findFirst()
        .orElse(null);
  }
}
