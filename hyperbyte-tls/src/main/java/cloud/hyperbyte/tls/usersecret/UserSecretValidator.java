package cloud.hyperbyte.tls.usersecret;

import cloud.hyperbyte.tls.inspect.ChainVerification;
import cloud.hyperbyte.tls.inspect.ChainVerifier;
import cloud.hyperbyte.tls.inspect.SubjectAlternativeNames;
import cloud.hyperbyte.tls.keys.KeyMatcher;
import cloud.hyperbyte.tls.pem.PemException;
import cloud.hyperbyte.tls.pem.PemReader;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validates a user-supplied {@code kubernetes.io/tls} Secret before pods mount it, reporting every
 * problem at once. Input is the Secret's type and decoded data, so no Kubernetes types are needed.
 */
public final class UserSecretValidator {

  public static final String TLS_SECRET_TYPE = "kubernetes.io/tls";
  public static final String TLS_CERT = "tls.crt";
  public static final String TLS_KEY = "tls.key";
  public static final String CA_CERT = "ca.crt";

  /** Warn a month ahead, about the time an ACME client starts renewing. */
  public static final Duration DEFAULT_EXPIRY_WARNING = Duration.ofDays(30);

  private final Clock clock;
  private final Duration expiryWarning;
  private final ChainVerifier chainVerifier;

  public UserSecretValidator(Clock clock) {
    this(clock, DEFAULT_EXPIRY_WARNING);
  }

  /** Reports {@link FindingCode#EXPIRES_SOON} when less than {@code expiryWarning} is left. */
  public UserSecretValidator(Clock clock, Duration expiryWarning) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.expiryWarning = Objects.requireNonNull(expiryWarning, "expiryWarning");
    this.chainVerifier = new ChainVerifier(clock);
  }

  /**
   * All findings for the Secret, in a fixed order (type, keys, parsing, validity, key match, names,
   * chain); empty when the Secret can be used as is.
   *
   * @param secretName used in messages only
   * @param neededNames DNS names every client uses to reach the nodes
   */
  public List<Finding> validate(
      String secretName, String type, Map<String, byte[]> data, Collection<String> neededNames) {
    Report report = new Report(secretName);
    if (!TLS_SECRET_TYPE.equals(type)) {
      report.add(
          FindingCode.WRONG_TYPE,
          "type is " + (type == null || type.isEmpty() ? "empty" : "'" + type + "'")
              + " but must be '" + TLS_SECRET_TYPE + "'; recreate it with"
              + " kubectl create secret tls " + secretName + " --cert=... --key=...");
    }
    List<X509Certificate> chain = readCertificates(report, data, TLS_CERT, true);
    PrivateKey key = readKey(report, data);
    List<X509Certificate> cas = readCertificates(report, data, CA_CERT, false);
    if (chain == null) {
      return List.copyOf(report.findings);
    }
    X509Certificate leaf = chain.get(0);
    boolean currentlyValid = checkValidity(report, leaf);
    if (key != null && !KeyMatcher.matches(leaf.getPublicKey(), key)) {
      report.add(
          FindingCode.KEY_MISMATCH,
          TLS_KEY + " is not the private key of the certificate in " + TLS_CERT
              + "; put the matching key pair into the Secret");
    }
    List<String> uncovered =
        DnsNameCoverage.uncovered(SubjectAlternativeNames.of(leaf).dnsNames(), neededNames);
    if (!uncovered.isEmpty()) {
      report.add(
          FindingCode.NAMES_NOT_COVERED,
          "certificate does not cover " + String.join(", ", uncovered)
              + "; reissue it with these DNS names: " + String.join(", ", neededNames));
    }
    if (cas != null) {
      // An expired or not-yet-valid leaf is already reported; check trust within its validity so
      // this finding is only about who signed it.
      Instant at = currentlyValid ? clock.instant() : leaf.getNotBefore().toInstant();
      ChainVerification verification = chainVerifier.verifyAt(chain, cas, at);
      if (!verification.trusted()) {
        report.add(
            FindingCode.UNTRUSTED_CHAIN,
            "certificate does not chain to the CA in " + CA_CERT + " (" + verification.problem()
                + "); include intermediates in " + TLS_CERT + " or fix " + CA_CERT);
      }
    }
    return List.copyOf(report.findings);
  }

  private boolean checkValidity(Report report, X509Certificate leaf) {
    Instant now = clock.instant();
    Instant notBefore = leaf.getNotBefore().toInstant();
    Instant notAfter = leaf.getNotAfter().toInstant();
    if (now.isBefore(notBefore)) {
      report.add(
          FindingCode.NOT_YET_VALID,
          "certificate is not valid before " + notBefore + "; check the issuer's clock or wait");
      return false;
    }
    if (!now.isBefore(notAfter)) {
      report.add(
          FindingCode.EXPIRED, "certificate expired at " + notAfter + "; renew it");
      return false;
    }
    if (Duration.between(now, notAfter).compareTo(expiryWarning) < 0) {
      report.add(
          FindingCode.EXPIRES_SOON,
          "certificate expires at " + notAfter + "; renew it before then (pods restart to load it)");
    }
    return true;
  }

  private static List<X509Certificate> readCertificates(
      Report report, Map<String, byte[]> data, String key, boolean required) {
    byte[] pem = data.get(key);
    if (pem == null || pem.length == 0) {
      if (required) {
        report.missing(key);
      }
      return null;
    }
    try {
      return PemReader.readCertificates(pem);
    } catch (PemException e) {
      report.unparseable(key, e);
      return null;
    }
  }

  private static PrivateKey readKey(Report report, Map<String, byte[]> data) {
    byte[] pem = data.get(TLS_KEY);
    if (pem == null || pem.length == 0) {
      report.missing(TLS_KEY);
      return null;
    }
    try {
      return PemReader.readPrivateKey(pem);
    } catch (PemException e) {
      report.unparseable(TLS_KEY, e);
      return null;
    }
  }

  /** Collects findings with the Secret name prefixed to every message. */
  private static final class Report {
    private final String secretName;
    private final List<Finding> findings = new ArrayList<>();

    Report(String secretName) {
      this.secretName = secretName;
    }

    void add(FindingCode code, String message) {
      findings.add(new Finding(code, "Secret " + secretName + ": " + message));
    }

    void missing(String key) {
      add(FindingCode.MISSING_KEY, "key '" + key + "' is missing or empty; add it (PEM)");
    }

    void unparseable(String key, PemException e) {
      add(
          FindingCode.UNPARSEABLE,
          "key '" + key + "' cannot be read: " + e.getMessage()
              + "; store PEM (PKCS#8, SEC1 or PKCS#1 keys, X.509 certificates)");
    }
  }
}
