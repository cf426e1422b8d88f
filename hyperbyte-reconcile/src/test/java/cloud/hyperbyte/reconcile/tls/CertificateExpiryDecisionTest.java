package cloud.hyperbyte.reconcile.tls;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableClusterSpec;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.model.v1alpha1.MemberStatus;
import cloud.hyperbyte.reconcile.snapshot.ImmutableObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedPod;
import cloud.hyperbyte.render.ClusterRenderer;
import cloud.hyperbyte.tls.issue.CertificateAuthority;
import cloud.hyperbyte.tls.issue.CertificateAuthorityFactory;
import cloud.hyperbyte.tls.issue.NodeCertificate;
import cloud.hyperbyte.tls.issue.NodeCertificateIssuer;
import cloud.hyperbyte.tls.pem.PemWriter;
import cloud.hyperbyte.tls.renewal.RenewalPolicy;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Given the TLS source, the material each member pod started with, the last status and the time,
 * expect this expiry per member and these blocked renewals. Certificates are issued at
 * {@link #ISSUED} for 90 days, so their renewal window opens 60 days later.
 */
class CertificateExpiryDecisionTest {

  private static final Instant ISSUED = Instant.parse("2026-03-01T00:00:00Z");
  private static final Instant NOT_AFTER = ISSUED.plus(NodeCertificateIssuer.DEFAULT_VALIDITY);
  /** The issuer backdates notBefore by five minutes for clock skew. */
  private static final Instant WINDOW_OPENS =
      RenewalPolicy.defaults().renewalStart(ISSUED.minus(Duration.ofMinutes(5)), NOT_AFTER);

  private static final ClusterSpec USER_SECRET = TlsClusters.spec("{enabled: true, secretName: my-tls}");
  private static final ClusterSpec CERT_MANAGER = TlsClusters.spec("{enabled: true, certManagerIssuerRef: {name: corp, kind: ClusterIssuer}}");
  private static final ClusterSpec OPERATOR_CA = TlsClusters.spec("{enabled: true}");

  private static Clock at(Instant now) {
    return Clock.fixed(now, ZoneOffset.UTC);
  }

  private static SecureRandom seeded() {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(42);
      return random;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A kubernetes.io/tls Secret issued at {@link #ISSUED} for the names a user certificate needs. */
  private static Secret tlsSecret(String name, ClusterSpec spec) {
    CertificateAuthority ca = new CertificateAuthorityFactory(at(ISSUED), seeded()).create("corp CA");
    NodeCertificate cert = new NodeCertificateIssuer(ca, at(ISSUED), seeded())
        .issue(TlsMaterialDecision.namesUserCertificatesMustCover(spec));
    return new SecretBuilder().withNewMetadata().withName(name).endMetadata().withType("kubernetes.io/tls")
        .addToData("tls.crt", Base64.getEncoder().encodeToString(PemWriter.certificate(cert.certificate())))
        .addToData("tls.key", Base64.getEncoder().encodeToString(cert.privateKeyPem()))
        .addToData("ca.crt", Base64.getEncoder().encodeToString(PemWriter.certificate(ca.certificate())))
        .build();
  }

  private static TlsMaterial material(ClusterSpec spec, Instant now, Optional<Secret> caSecret, Optional<Secret> tlsSecret) {
    return new TlsMaterialDecision(at(now), seeded(), RenewalPolicy.defaults()).decide(spec, caSecret, tlsSecret);
  }

  private static ObservedCluster observed(ClusterSpec spec, Map<Integer, String> podHashes, HyperbytedbClusterStatus last) {
    return ImmutableObservedCluster.builder()
        .spec(spec)
        .generation(1)
        .lastStatus(last)
        .rendered(ClusterRenderer.render(spec))
        .pods(List.of(new ObservedPod("db-0", "uid-0", 0, "Running", true, Optional.of("r1"), false, Optional.of("10.0.0.1"))))
        .podCertificateHashes(podHashes)
        .build();
  }

  private static HyperbytedbClusterStatus recorded(String notAfter) {
    MemberStatus member = new MemberStatus();
    member.setName("db-0");
    member.setCertificateNotAfter(notAfter);
    HyperbytedbClusterStatus status = new HyperbytedbClusterStatus();
    status.setMembers(List.of(member));
    return status;
  }

  private static CertificateExpiryDecision decisionAt(Instant now) {
    return new CertificateExpiryDecision(at(now), RenewalPolicy.defaults());
  }

  @Test
  void givenAMemberOnTheCurrentUserCertificateExpectItsExpiryAndALookWhenTheWindowOpens() {
    Instant now = ISSUED.plus(Duration.ofDays(10));
    Secret secret = tlsSecret("my-tls", USER_SECRET);
    TlsMaterial tls = material(USER_SECRET, now, Optional.empty(), Optional.of(secret));

    CertificateExpiry expiry = decisionAt(now).decide(
        observed(USER_SECRET, Map.of(0, tls.certificateHash().orElseThrow()), new HyperbytedbClusterStatus()), tls,
        Optional.of(secret));

    assertThat(expiry.members()).containsExactly(new MemberCertificate(0, "db-0", NOT_AFTER));
    assertThat(expiry.blocked()).isEmpty();
    assertThat(expiry.nextCheck()).contains(WINDOW_OPENS);
  }

  @Test
  void givenAUserCertificateInItsRenewalWindowExpectABlockedRenewalThatSaysToReplaceTheSecret() {
    Instant now = WINDOW_OPENS.plusSeconds(1);
    Secret secret = tlsSecret("my-tls", USER_SECRET);
    TlsMaterial tls = material(USER_SECRET, now, Optional.empty(), Optional.of(secret));

    CertificateExpiry expiry = decisionAt(now).decide(
        observed(USER_SECRET, Map.of(0, tls.certificateHash().orElseThrow()), new HyperbytedbClusterStatus()), tls,
        Optional.of(secret));

    assertThat(expiry.blocked()).singleElement().satisfies(b -> {
      assertThat(b.reason()).isEqualTo(RenewalBlocked.USER_SECRET_EXPIRING);
      assertThat(b.podName()).isEqualTo("db-0");
      assertThat(b.message()).contains("Secret my-tls", NOT_AFTER.toString(), "replace it");
    });
    assertThat(expiry.nextCheck()).isEmpty();
  }

  @Test
  void givenCertManagerExpectTimeToRenewBeforeItCountsAsNotRenewing() {
    Secret secret = tlsSecret("db-tls", CERT_MANAGER);
    Instant renewing = WINDOW_OPENS.plus(CertificateExpiryDecision.CERT_MANAGER_GRACE).minusSeconds(1);
    Instant stuck = WINDOW_OPENS.plus(CertificateExpiryDecision.CERT_MANAGER_GRACE);
    TlsMaterial tls = material(CERT_MANAGER, renewing, Optional.empty(), Optional.of(secret));
    ObservedCluster observed = observed(CERT_MANAGER, Map.of(0, tls.certificateHash().orElseThrow()), new HyperbytedbClusterStatus());

    CertificateExpiry inGrace = decisionAt(renewing).decide(observed, tls, Optional.of(secret));
    CertificateExpiry afterGrace = decisionAt(stuck).decide(observed, tls, Optional.of(secret));

    assertThat(inGrace.blocked()).isEmpty();
    assertThat(inGrace.nextCheck()).contains(stuck);
    assertThat(afterGrace.blocked()).singleElement().satisfies(b -> {
      assertThat(b.reason()).isEqualTo(RenewalBlocked.CERT_MANAGER_NOT_RENEWING);
      assertThat(b.message()).contains("kubectl describe certificate db-tls");
    });
  }

  @Test
  void givenAPausedClusterWhoseMemberRunsRenewedAwayMaterialExpectTheRecordedExpiryAndABlockedRenewal() {
    Instant now = WINDOW_OPENS.plus(Duration.ofDays(1));
    ClusterSpec paused = ImmutableClusterSpec.copyOf(OPERATOR_CA).withPaused(true);
    TlsMaterial renewed = material(paused, now, Optional.empty(), Optional.empty());

    CertificateExpiry expiry = decisionAt(now).decide(
        observed(paused, Map.of(0, "hash-of-the-old-material"), recorded(NOT_AFTER.toString())), renewed, Optional.empty());

    assertThat(expiry.members()).containsExactly(new MemberCertificate(0, "db-0", NOT_AFTER));
    assertThat(expiry.blocked()).singleElement().satisfies(b -> {
      assertThat(b.reason()).isEqualTo(RenewalBlocked.PAUSED);
      assertThat(b.message()).contains("expires " + NOT_AFTER, "Secret db-tls", "spec.paused");
    });
  }

  @Test
  void givenARunningClusterWhoseMemberHasNotRestartedOnRenewedMaterialYetExpectNothingBlocked() {
    Instant now = WINDOW_OPENS.plus(Duration.ofDays(1));
    TlsMaterial renewed = material(OPERATOR_CA, now, Optional.empty(), Optional.empty());

    CertificateExpiry expiry = decisionAt(now).decide(
        observed(OPERATOR_CA, Map.of(0, "hash-of-the-old-material"), recorded(NOT_AFTER.toString())), renewed,
        Optional.empty());

    assertThat(expiry.members()).containsExactly(new MemberCertificate(0, "db-0", NOT_AFTER));
    assertThat(expiry.blocked()).isEmpty();
  }

  @Test
  void givenOperatorCaMaterialIssuedThisPassExpectTheExpiryOfWhatIsWrittenNotOfWhatWasObserved() {
    TlsMaterial issued = material(OPERATOR_CA, ISSUED, Optional.empty(), Optional.empty());

    CertificateExpiry expiry = decisionAt(ISSUED).decide(
        observed(OPERATOR_CA, Map.of(0, issued.certificateHash().orElseThrow()), new HyperbytedbClusterStatus()), issued,
        Optional.empty());

    assertThat(expiry.members()).containsExactly(new MemberCertificate(0, "db-0", NOT_AFTER));
    assertThat(expiry.blocked()).isEmpty();
  }

  @Test
  void givenAMemberThatStartedWithoutTlsOrTlsOffExpectNoExpiry() {
    Secret secret = tlsSecret("my-tls", USER_SECRET);
    TlsMaterial tls = material(USER_SECRET, ISSUED, Optional.empty(), Optional.of(secret));
    ClusterSpec off = TlsClusters.spec("{enabled: false}");

    assertThat(decisionAt(ISSUED).decide(observed(USER_SECRET, Map.of(), new HyperbytedbClusterStatus()), tls,
        Optional.of(secret))).isEqualTo(CertificateExpiry.none());
    assertThat(decisionAt(ISSUED).decide(observed(off, Map.of(), new HyperbytedbClusterStatus()),
        material(off, ISSUED, Optional.empty(), Optional.empty()), Optional.empty())).isEqualTo(CertificateExpiry.none());
  }
}
