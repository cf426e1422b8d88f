package cloud.hyperbyte.tls.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.tls.TestPki;
import cloud.hyperbyte.tls.issue.CertificateAuthority;
import cloud.hyperbyte.tls.issue.NodeCertificate;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Node certificates here live from T0-5min to T0+90d; the default window opens at 1/3 left. */
class RenewalAdvisorTest {

  private static final List<String> NAMES = List.of("hb-0.hb-headless.ns.svc.cluster.local", "hb");
  private static final NodeCertificate NODE = TestPki.node(NAMES);
  private static final X509Certificate CA = TestPki.ecCa().certificate();

  private static RenewalDecision nodeDecisionAt(Duration afterT0) {
    return advisorAt(afterT0).forNode(NODE.certificatePem(), NODE.privateKeyPem(), NAMES, CA);
  }

  private static RenewalAdvisor advisorAt(Duration afterT0) {
    return new RenewalAdvisor(TestPki.clockAt(afterT0), RenewalPolicy.defaults());
  }

  @Test
  void givenCertificateBeforeItsWindow_expectNoRenewalAndWindowStart() {
    RenewalDecision decision = nodeDecisionAt(Duration.ofDays(59));

    assertThat(decision.renew()).isFalse();
    assertThat(decision.reason()).isEqualTo(RenewalReason.VALID);
    Instant notBefore = TestPki.T0.minus(Duration.ofMinutes(5));
    Instant notAfter = TestPki.T0.plus(Duration.ofDays(90));
    assertThat(decision.renewalStart())
        .contains(notAfter.minus(Duration.between(notBefore, notAfter).dividedBy(3)));
  }

  @Test
  void givenCertificateInsideItsWindow_expectRenewalForWindow() {
    RenewalDecision decision = nodeDecisionAt(Duration.ofDays(61));

    assertThat(decision.renew()).isTrue();
    assertThat(decision.reason()).isEqualTo(RenewalReason.RENEWAL_WINDOW);
    assertThat(decision.message()).contains("renewal window opened");
  }

  @Test
  void givenCertificateAfterExpiry_expectRenewalAsExpired() {
    RenewalDecision decision = nodeDecisionAt(Duration.ofDays(90));

    assertThat(decision.reason()).isEqualTo(RenewalReason.EXPIRED);
    assertThat(decision.renew()).isTrue();
  }

  @Test
  void givenDurationPolicyStricterThanFraction_expectEarlierRenewal() {
    var advisor =
        new RenewalAdvisor(TestPki.clockAt(Duration.ofDays(50)), RenewalPolicy.of(1.0 / 3, Duration.ofDays(45)));

    assertThat(advisor.forNode(NODE.certificatePem(), NODE.privateKeyPem(), NAMES, CA).reason())
        .isEqualTo(RenewalReason.RENEWAL_WINDOW);
  }

  @Test
  void givenScaleUpAddsDesiredName_expectRenewalForChangedNames() {
    List<String> desired = List.of("hb", "hb-0.hb-headless.ns.svc.cluster.local", "hb-proxy");

    RenewalDecision decision =
        advisorAt(Duration.ofDays(1)).forNode(NODE.certificatePem(), NODE.privateKeyPem(), desired, CA);

    assertThat(decision.reason()).isEqualTo(RenewalReason.NAMES_CHANGED);
    assertThat(decision.message()).contains("hb-proxy");
  }

  @Test
  void givenSameNamesInOtherOrder_expectNoRenewal() {
    List<String> reordered = List.of(NAMES.get(1), NAMES.get(0));

    assertThat(
            advisorAt(Duration.ofDays(1))
                .forNode(NODE.certificatePem(), NODE.privateKeyPem(), reordered, CA)
                .renew())
        .isFalse();
  }

  @Test
  void givenCaReplacedBySameNamedCa_expectRenewalForChangedCa() {
    X509Certificate newCa = TestPki.otherEcCa().certificate();

    RenewalDecision decision =
        advisorAt(Duration.ofDays(1)).forNode(NODE.certificatePem(), NODE.privateKeyPem(), NAMES, newCa);

    assertThat(decision.reason()).isEqualTo(RenewalReason.CA_CHANGED);
  }

  @Test
  void givenMissingUnparseableOrForeignMaterial_expectEachItsOwnReason() {
    RenewalAdvisor advisor = advisorAt(Duration.ofDays(1));
    byte[] junk = "not pem".getBytes(StandardCharsets.US_ASCII);
    byte[] foreignKey = TestPki.otherEcCa().privateKeyPem();

    assertThat(advisor.forNode(null, NODE.privateKeyPem(), NAMES, CA).reason())
        .isEqualTo(RenewalReason.MISSING);
    assertThat(advisor.forNode(NODE.certificatePem(), new byte[0], NAMES, CA).reason())
        .isEqualTo(RenewalReason.MISSING);
    assertThat(advisor.forNode(junk, NODE.privateKeyPem(), NAMES, CA).reason())
        .isEqualTo(RenewalReason.UNPARSEABLE);
    assertThat(advisor.forNode(NODE.certificatePem(), junk, NAMES, CA).reason())
        .isEqualTo(RenewalReason.UNPARSEABLE);
    assertThat(advisor.forNode(NODE.certificatePem(), foreignKey, NAMES, CA).reason())
        .isEqualTo(RenewalReason.KEY_MISMATCH);
  }

  @Test
  void givenCaBeforeInsideAndAfterItsWindow_expectValidWindowExpired() {
    CertificateAuthority ca = TestPki.ecCa();
    byte[] cert = ca.certificatePem();
    byte[] key = ca.privateKeyPem();
    // ten-year CA: the default window opens with a third (~3.3 years) left
    assertThat(advisorAt(Duration.ofDays(2400)).forCa(cert, key).reason())
        .isEqualTo(RenewalReason.VALID);
    assertThat(advisorAt(Duration.ofDays(2500)).forCa(cert, key).reason())
        .isEqualTo(RenewalReason.RENEWAL_WINDOW);
    assertThat(advisorAt(Duration.ofDays(3650)).forCa(cert, key).reason())
        .isEqualTo(RenewalReason.EXPIRED);
    assertThat(advisorAt(Duration.ofDays(1)).forCa(cert, null).reason())
        .isEqualTo(RenewalReason.MISSING);
  }
}
