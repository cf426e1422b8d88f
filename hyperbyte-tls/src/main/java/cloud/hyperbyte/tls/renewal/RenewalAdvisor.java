package cloud.hyperbyte.tls.renewal;

import cloud.hyperbyte.tls.inspect.SubjectAlternativeNames;
import cloud.hyperbyte.tls.keys.KeyMatcher;
import cloud.hyperbyte.tls.pem.PemException;
import cloud.hyperbyte.tls.pem.PemReader;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Decides, without side effects, whether operator-issued material must be renewed now.
 *
 * <p>The CA is renewed with a new key: there is no cross-signing, so a CA renewal makes every node
 * certificate {@link RenewalReason#CA_CHANGED} and all of them are re-issued in the same pass.
 */
public final class RenewalAdvisor {

  private final Clock clock;
  private final RenewalPolicy policy;

  public RenewalAdvisor(Clock clock, RenewalPolicy policy) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /**
   * The decision for one node's certificate. Checked in order: present, parseable, key matches,
   * signed by {@code currentCa}, SANs equal {@code desiredDnsNames} (as a set), not expired,
   * outside the renewal window.
   *
   * @param certificatePem the node certificate as stored, or {@code null} when absent
   * @param privateKeyPem its key as stored, or {@code null} when absent
   */
  public RenewalDecision forNode(
      byte[] certificatePem,
      byte[] privateKeyPem,
      Collection<String> desiredDnsNames,
      X509Certificate currentCa) {
    Material material = read("node certificate", certificatePem, privateKeyPem);
    if (material.decision != null) {
      return material.decision;
    }
    X509Certificate certificate = material.certificate;
    Optional<Instant> renewalStart = Optional.of(renewalStart(certificate));
    if (!signedBy(certificate, currentCa)) {
      return new RenewalDecision(
          RenewalReason.CA_CHANGED,
          "node certificate was issued by "
              + certificate.getIssuerX500Principal().getName()
              + ", not by the current CA (serial "
              + currentCa.getSerialNumber().toString(16)
              + ")",
          renewalStart);
    }
    TreeSet<String> actual = new TreeSet<>(SubjectAlternativeNames.of(certificate).dnsNames());
    TreeSet<String> desired = new TreeSet<>(desiredDnsNames);
    if (!actual.equals(desired)) {
      return new RenewalDecision(
          RenewalReason.NAMES_CHANGED,
          "node certificate names " + actual + " differ from the desired names " + desired,
          renewalStart);
    }
    return byValidity("node certificate", certificate);
  }

  /** The decision for the CA itself: present, parseable, key matches, not in its window. */
  public RenewalDecision forCa(byte[] certificatePem, byte[] privateKeyPem) {
    Material material = read("CA", certificatePem, privateKeyPem);
    return material.decision != null ? material.decision : byValidity("CA", material.certificate);
  }

  private RenewalDecision byValidity(String what, X509Certificate certificate) {
    Instant now = clock.instant();
    Instant notAfter = certificate.getNotAfter().toInstant();
    Instant start = renewalStart(certificate);
    if (!now.isBefore(notAfter)) {
      return new RenewalDecision(
          RenewalReason.EXPIRED, what + " expired at " + notAfter, Optional.of(start));
    }
    if (!now.isBefore(start)) {
      return new RenewalDecision(
          RenewalReason.RENEWAL_WINDOW,
          what + " expires at " + notAfter + "; renewal window opened at " + start,
          Optional.of(start));
    }
    return new RenewalDecision(
        RenewalReason.VALID,
        what + " is valid until " + notAfter + "; renewal due at " + start,
        Optional.of(start));
  }

  private Instant renewalStart(X509Certificate certificate) {
    return policy.renewalStart(
        certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
  }

  private static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
    if (!certificate.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
      return false;
    }
    try {
      certificate.verify(ca.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static Material read(String what, byte[] certificatePem, byte[] privateKeyPem) {
    if (certificatePem == null || certificatePem.length == 0) {
      return Material.decided(RenewalReason.MISSING, what + " is missing");
    }
    if (privateKeyPem == null || privateKeyPem.length == 0) {
      return Material.decided(RenewalReason.MISSING, what + " private key is missing");
    }
    X509Certificate certificate;
    PrivateKey key;
    try {
      certificate = PemReader.readCertificate(certificatePem);
    } catch (PemException e) {
      return Material.decided(RenewalReason.UNPARSEABLE, what + " is unreadable: " + e.getMessage());
    }
    try {
      key = PemReader.readPrivateKey(privateKeyPem);
    } catch (PemException e) {
      return Material.decided(
          RenewalReason.UNPARSEABLE, what + " private key is unreadable: " + e.getMessage());
    }
    if (!KeyMatcher.matches(certificate.getPublicKey(), key)) {
      return Material.decided(
          RenewalReason.KEY_MISMATCH, what + " private key does not belong to its certificate");
    }
    return new Material(certificate, null);
  }

  /** A parsed certificate, or the decision that reading it already forced. */
  private record Material(X509Certificate certificate, RenewalDecision decision) {
    static Material decided(RenewalReason reason, String message) {
      return new Material(null, new RenewalDecision(reason, message, Optional.empty()));
    }
  }
}
