package cloud.hyperbyte.tls.usersecret;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.tls.TestPki;
import cloud.hyperbyte.tls.issue.NodeCertificate;
import cloud.hyperbyte.tls.issue.NodeCertificateIssuer;
import cloud.hyperbyte.tls.keys.KeyAlgorithm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The user's certificate lives from T0-5min to T0+90d unless a test issues its own. */
class UserSecretValidatorTest {

  private static final String TLS = "kubernetes.io/tls";
  private static final List<String> NEEDED =
      List.of("hb-0.hb-headless.ns.svc.cluster.local", "hb", "hb.ns.svc.cluster.local");
  private static final NodeCertificate USER_CERT =
      TestPki.node(List.of("*.hb-headless.ns.svc.cluster.local", "hb", "hb.ns.svc.cluster.local"));
  private static final UserSecretValidator VALIDATOR =
      new UserSecretValidator(TestPki.clockAt(Duration.ofDays(1)));

  private static Map<String, byte[]> data(NodeCertificate certificate, boolean withCa) {
    Map<String, byte[]> data = new LinkedHashMap<>();
    data.put("tls.crt", certificate.certificatePem());
    data.put("tls.key", certificate.privateKeyPem());
    if (withCa) {
      data.put("ca.crt", TestPki.ecCa().certificatePem());
    }
    return data;
  }

  private static List<FindingCode> codes(List<Finding> findings) {
    return findings.stream().map(Finding::code).toList();
  }

  @Test
  void givenValidSecretWithWildcardAndCa_expectNoFindings() {
    assertThat(VALIDATOR.validate("prod-tls", TLS, data(USER_CERT, true), NEEDED)).isEmpty();
  }

  @Test
  void givenOpaqueType_expectOnlyWrongType() {
    List<Finding> findings = VALIDATOR.validate("prod-tls", "Opaque", data(USER_CERT, true), NEEDED);

    assertThat(codes(findings)).containsExactly(FindingCode.WRONG_TYPE);
    assertThat(findings.get(0).message())
        .startsWith("Secret prod-tls: type is 'Opaque' but must be 'kubernetes.io/tls'");
    assertThat(findings.get(0).blocking()).isTrue();
  }

  @Test
  void givenMissingKey_expectOnlyMissingKeyNamingIt() {
    Map<String, byte[]> data = data(USER_CERT, false);
    data.remove("tls.key");

    List<Finding> findings = VALIDATOR.validate("prod-tls", TLS, data, NEEDED);

    assertThat(codes(findings)).containsExactly(FindingCode.MISSING_KEY);
    assertThat(findings.get(0).message()).contains("'tls.key' is missing");
  }

  @Test
  void givenMissingCertificate_expectMissingKeyAndNothingElse() {
    Map<String, byte[]> data = data(USER_CERT, false);
    data.remove("tls.crt");

    assertThat(codes(VALIDATOR.validate("prod-tls", TLS, data, NEEDED)))
        .containsExactly(FindingCode.MISSING_KEY);
  }

  @Test
  void givenUnparseableCertificateOrCa_expectUnparseableNamingTheKey() {
    Map<String, byte[]> data = data(USER_CERT, true);
    data.put("ca.crt", "garbage".getBytes(StandardCharsets.US_ASCII));

    List<Finding> findings = VALIDATOR.validate("prod-tls", TLS, data, NEEDED);

    assertThat(codes(findings)).containsExactly(FindingCode.UNPARSEABLE);
    assertThat(findings.get(0).message()).contains("'ca.crt' cannot be read");
  }

  @Test
  void givenKeyOfAnotherCertificate_expectOnlyKeyMismatch() {
    Map<String, byte[]> data = data(USER_CERT, true);
    data.put("tls.key", TestPki.node(List.of("hb")).privateKeyPem());

    assertThat(codes(VALIDATOR.validate("prod-tls", TLS, data, NEEDED)))
        .containsExactly(FindingCode.KEY_MISMATCH);
  }

  @Test
  void givenExpiredCertificateWithCa_expectOnlyExpired() {
    var validator = new UserSecretValidator(TestPki.clockAt(Duration.ofDays(91)));

    assertThat(codes(validator.validate("prod-tls", TLS, data(USER_CERT, true), NEEDED)))
        .containsExactly(FindingCode.EXPIRED);
  }

  @Test
  void givenClockBeforeNotBefore_expectOnlyNotYetValid() {
    var validator = new UserSecretValidator(TestPki.clockAt(TestPki.T0.minus(Duration.ofHours(1))));

    assertThat(codes(validator.validate("prod-tls", TLS, data(USER_CERT, true), NEEDED)))
        .containsExactly(FindingCode.NOT_YET_VALID);
  }

  @Test
  void givenLessThanWarningLeft_expectNonBlockingExpiresSoon() {
    var validator = new UserSecretValidator(TestPki.clockAt(Duration.ofDays(70)));

    List<Finding> findings = validator.validate("prod-tls", TLS, data(USER_CERT, true), NEEDED);

    assertThat(codes(findings)).containsExactly(FindingCode.EXPIRES_SOON);
    assertThat(findings.get(0).blocking()).isFalse();
  }

  @Test
  void givenCertificateWithoutPodName_expectNamesNotCoveredListingWhatToReissue() {
    NodeCertificate narrow = TestPki.node(List.of("hb", "hb.ns.svc.cluster.local"));

    List<Finding> findings = VALIDATOR.validate("prod-tls", TLS, data(narrow, true), NEEDED);

    assertThat(codes(findings)).containsExactly(FindingCode.NAMES_NOT_COVERED);
    assertThat(findings.get(0).message())
        .isEqualTo(
            "Secret prod-tls: certificate does not cover hb-0.hb-headless.ns.svc.cluster.local;"
                + " reissue it with these DNS names: hb-0.hb-headless.ns.svc.cluster.local, hb,"
                + " hb.ns.svc.cluster.local");
  }

  @Test
  void givenCaThatDidNotSignTheCertificate_expectOnlyUntrustedChain() {
    Map<String, byte[]> data = data(USER_CERT, false);
    data.put("ca.crt", TestPki.otherEcCa().certificatePem());

    assertThat(codes(VALIDATOR.validate("prod-tls", TLS, data, NEEDED)))
        .containsExactly(FindingCode.UNTRUSTED_CHAIN);
  }

  @Test
  void givenRsaCertificateWithChainEndingInRoot_expectNoFindings() {
    NodeCertificate rsa =
        new NodeCertificateIssuer(TestPki.rsaCa(), TestPki.clockAt(TestPki.T0), TestPki.RANDOM)
            .issue(NEEDED, KeyAlgorithm.RSA_2048, Duration.ofDays(365));
    Map<String, byte[]> data = new LinkedHashMap<>();
    data.put("tls.crt", TestPki.concat(rsa.certificatePem(), TestPki.rsaCa().certificatePem()));
    data.put("tls.key", rsa.privateKeyPem());
    data.put("ca.crt", TestPki.rsaCa().certificatePem());

    assertThat(VALIDATOR.validate("prod-tls", TLS, data, NEEDED)).isEmpty();
  }

  @Test
  void givenSeveralProblems_expectAllReportedAtOnce() {
    Map<String, byte[]> data = data(TestPki.node(List.of("elsewhere")), false);
    data.put("tls.key", TestPki.otherEcCa().privateKeyPem());

    assertThat(codes(VALIDATOR.validate("prod-tls", "Opaque", data, NEEDED)))
        .containsExactly(
            FindingCode.WRONG_TYPE, FindingCode.KEY_MISMATCH, FindingCode.NAMES_NOT_COVERED);
  }
}
