package cloud.hyperbyte.reconcile.tls;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.tls.NodeCertificateKeys;
import cloud.hyperbyte.tls.NodeDnsNames;
import cloud.hyperbyte.tls.inspect.ChainVerifier;
import cloud.hyperbyte.tls.inspect.SubjectAlternativeNames;
import cloud.hyperbyte.tls.issue.CertificateAuthority;
import cloud.hyperbyte.tls.issue.CertificateAuthorityFactory;
import cloud.hyperbyte.tls.issue.NodeCertificate;
import cloud.hyperbyte.tls.issue.NodeCertificateIssuer;
import cloud.hyperbyte.tls.pem.PemReader;
import cloud.hyperbyte.tls.pem.PemWriter;
import cloud.hyperbyte.tls.renewal.RenewalPolicy;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Given a TLS mode, the observed Secrets and the time, expect these writes, this hash and this state. */
class TlsMaterialDecisionTest {

  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

  private static final ClusterSpec OPERATOR_CA = TlsClusters.spec("{enabled: true}", "");

  private static TlsMaterialDecision at(Instant now) {
    return new TlsMaterialDecision(Clock.fixed(now, ZoneOffset.UTC), seeded(42), RenewalPolicy.defaults());
  }

  /** A decision whose random source differs from {@link #at}'s, as two operator runs' would. */
  private static TlsMaterialDecision laterRunAt(Instant now) {
    return new TlsMaterialDecision(Clock.fixed(now, ZoneOffset.UTC), seeded(7), RenewalPolicy.defaults());
  }

  private static SecureRandom seeded() {
    return seeded(42);
  }

  private static SecureRandom seeded(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return random;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Secret named(List<Secret> secrets, String name) {
    return secrets.stream().filter(s -> s.getMetadata().getName().equals(name)).findFirst().orElseThrow();
  }

  private static X509Certificate certificate(Secret secret, String key) throws Exception {
    return PemReader.readCertificate(Base64.getDecoder().decode(secret.getData().get(key)));
  }

  @Test
  void givenOperatorCaAndNoSecretsExpectACaAndAMemberCertificateWithExactlyItsNames() throws Exception {
    TlsMaterial material = at(NOW).decide(OPERATOR_CA, Optional.empty(), Optional.empty());

    assertThat(material.state()).isEqualTo(TlsState.READY);
    assertThat(material.secretsToWrite()).extracting(s -> s.getMetadata().getName()).containsExactly("db-ca", "db-tls");
    Secret ca = named(material.secretsToWrite(), "db-ca");
    Secret node = named(material.secretsToWrite(), "db-tls");
    assertThat(ca.getData()).containsOnlyKeys("ca.crt", "ca.key");
    assertThat(node.getData()).containsOnlyKeys("ca.crt", "node-0.crt", "node-0.key");
    assertThat(node.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("HyperbytedbCluster"));
    X509Certificate member = certificate(node, NodeCertificateKeys.certKey(0));
    assertThat(SubjectAlternativeNames.of(member).dnsNames())
        .containsExactlyInAnyOrderElementsOf(NodeDnsNames.forNode("db", "prod", "cluster.local", 0, false));
    assertThat(new ChainVerifier(Clock.fixed(NOW, ZoneOffset.UTC)).verify(List.of(member), List.of(certificate(ca, "ca.crt"))).trusted())
        .isTrue();
    assertThat(material.certificateHash()).isPresent();
  }

  @Test
  void givenValidMaterialExpectNoWritesTheSameHashAndTheNextRenewalTime() {
    TlsMaterial first = at(NOW).decide(OPERATOR_CA, Optional.empty(), Optional.empty());
    Secret ca = named(first.secretsToWrite(), "db-ca");
    Secret node = named(first.secretsToWrite(), "db-tls");

    TlsMaterial later = at(NOW.plus(Duration.ofDays(10))).decide(OPERATOR_CA, Optional.of(ca), Optional.of(node));

    assertThat(later.secretsToWrite()).isEmpty();
    assertThat(later.certificateHash()).isEqualTo(first.certificateHash());
    assertThat(later.reason()).isEqualTo("CertificatesValid");
    // 90-day member certificate, renewed in its last third: 60 days after issue (less the 5-minute backdate)
    assertThat(later.nextCheck()).hasValueSatisfying(t -> assertThat(t).isBetween(NOW.plus(Duration.ofDays(59)), NOW.plus(Duration.ofDays(60))));
  }

  @Test
  void givenTheMemberCertificateInItsRenewalWindowExpectOnlyItReissuedAndANewHash() throws Exception {
    TlsMaterial first = at(NOW).decide(OPERATOR_CA, Optional.empty(), Optional.empty());
    Secret ca = named(first.secretsToWrite(), "db-ca");
    Secret node = named(first.secretsToWrite(), "db-tls");

    TlsMaterial renewed = at(NOW.plus(Duration.ofDays(61))).decide(OPERATOR_CA, Optional.of(ca), Optional.of(node));

    assertThat(renewed.secretsToWrite()).extracting(s -> s.getMetadata().getName()).containsExactly("db-tls");
    assertThat(renewed.certificateHash()).isNotEqualTo(first.certificateHash());
    assertThat(renewed.message()).contains("db-0", "renewal window");
    assertThat(certificate(renewed.secretsToWrite().get(0), "node-0.crt").getNotAfter().toInstant())
        .isAfter(NOW.plus(Duration.ofDays(150)));
  }

  @Test
  void givenTheCaSecretWasDeletedExpectANewCaAndMemberCertificatesReissuedUnderIt() throws Exception {
    TlsMaterial first = at(NOW).decide(OPERATOR_CA, Optional.empty(), Optional.empty());
    Secret node = named(first.secretsToWrite(), "db-tls");

    TlsMaterial again = laterRunAt(NOW.plusSeconds(60)).decide(OPERATOR_CA, Optional.empty(), Optional.of(node));

    assertThat(again.secretsToWrite()).extracting(s -> s.getMetadata().getName()).containsExactly("db-ca", "db-tls");
    assertThat(again.message()).contains("not by the current CA");
    X509Certificate newCa = certificate(named(again.secretsToWrite(), "db-ca"), "ca.crt");
    assertThat(certificate(named(again.secretsToWrite(), "db-tls"), "node-0.crt").getIssuerX500Principal())
        .isEqualTo(newCa.getSubjectX500Principal());
  }

  @Test
  void givenAProxyIsAddedExpectTheMemberCertificateToGainTheProxyNames() throws Exception {
    TlsMaterial first = at(NOW).decide(OPERATOR_CA, Optional.empty(), Optional.empty());
    ClusterSpec withProxy = TlsClusters.spec("{enabled: true}", "  proxy: {enabled: true}\n");

    TlsMaterial renewed = at(NOW).decide(withProxy, Optional.of(named(first.secretsToWrite(), "db-ca")),
        Optional.of(named(first.secretsToWrite(), "db-tls")));

    assertThat(SubjectAlternativeNames.of(certificate(named(renewed.secretsToWrite(), "db-tls"), "node-0.crt")).dnsNames())
        .contains("db-proxy.prod.svc.cluster.local");
  }

  @Test
  void givenCertManagerBeforeItIssuedExpectWaitingWithWhereToLook() {
    ClusterSpec spec = TlsClusters.spec("{enabled: true, certManagerIssuerRef: {name: letsencrypt, kind: ClusterIssuer}}", "");

    TlsMaterial material = at(NOW).decide(spec, Optional.empty(), Optional.empty());

    assertThat(material.state()).isEqualTo(TlsState.WAITING);
    assertThat(material.secretsToWrite()).isEmpty();
    assertThat(material.certificateHash()).isEmpty();
    assertThat(material.message()).contains("db-tls", "kubectl describe certificate db-tls", "ClusterIssuer/letsencrypt");
  }

  @Test
  void givenCertManagerIssuedExpectReadyAndAHashThatFollowsTheSecret() {
    ClusterSpec spec = TlsClusters.spec("{enabled: true, certManagerIssuerRef: {name: letsencrypt, kind: ClusterIssuer}}", "");
    Secret issued = tlsSecret("db-tls", "kubernetes.io/tls", "cert-1", "key-1");

    TlsMaterial first = at(NOW).decide(spec, Optional.empty(), Optional.of(issued));
    TlsMaterial rotated = at(NOW).decide(spec, Optional.empty(), Optional.of(tlsSecret("db-tls", "kubernetes.io/tls", "cert-2", "key-2")));

    assertThat(first.state()).isEqualTo(TlsState.READY);
    assertThat(first.certificateHash()).isPresent().isNotEqualTo(rotated.certificateHash());
  }

  @Test
  void givenAMissingUserSecretExpectWaitingWithTheCommandToCreateIt() {
    TlsMaterial material = at(NOW).decide(TlsClusters.spec("{enabled: true, secretName: my-tls}", ""), Optional.empty(), Optional.empty());

    assertThat(material.state()).isEqualTo(TlsState.WAITING);
    assertThat(material.message()).contains("my-tls", "kubectl create secret tls my-tls");
  }

  @Test
  void givenAUserSecretOfTheWrongTypeExpectInvalidAndNoHash() {
    TlsMaterial material = at(NOW).decide(TlsClusters.spec("{enabled: true, secretName: my-tls}", ""), Optional.empty(),
        Optional.of(tlsSecret("my-tls", "Opaque", "x", "y")));

    assertThat(material.state()).isEqualTo(TlsState.INVALID);
    assertThat(material.certificateHash()).isEmpty();
    assertThat(material.message()).contains("must be 'kubernetes.io/tls'");
  }

  @Test
  void givenAValidUserSecretCoveringTheNeededNamesExpectReady() {
    ClusterSpec spec = TlsClusters.spec("{enabled: true, secretName: my-tls}", "");
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    CertificateAuthority ca = new CertificateAuthorityFactory(clock, seeded()).create("corp CA");
    NodeCertificate cert = new NodeCertificateIssuer(ca, clock, seeded())
        .issue(TlsMaterialDecision.namesUserCertificatesMustCover(spec));
    Secret secret = new SecretBuilder().withNewMetadata().withName("my-tls").endMetadata().withType("kubernetes.io/tls")
        .addToData("tls.crt", Base64.getEncoder().encodeToString(PemWriter.certificate(cert.certificate())))
        .addToData("tls.key", Base64.getEncoder().encodeToString(cert.privateKeyPem()))
        .addToData("ca.crt", Base64.getEncoder().encodeToString(PemWriter.certificate(ca.certificate())))
        .build();

    TlsMaterial material = at(NOW).decide(spec, Optional.empty(), Optional.of(secret));

    assertThat(material.state()).as(material.message()).isEqualTo(TlsState.READY);
    assertThat(material.certificateHash()).isPresent();
    assertThat(TlsMaterialDecision.namesUserCertificatesMustCover(spec))
        .containsExactly("db-0.db-headless.prod.svc.cluster.local", "db.prod.svc", "db.prod.svc.cluster.local");
  }

  @Test
  void givenTlsOffExpectNothing() {
    TlsMaterial material = at(NOW).decide(TlsClusters.spec("{enabled: false}", ""), Optional.empty(), Optional.empty());

    assertThat(material.state()).isEqualTo(TlsState.DISABLED);
    assertThat(material.secretsToWrite()).isEmpty();
    assertThat(material.certificateHash()).isEmpty();
  }

  private static Secret tlsSecret(String name, String type, String cert, String key) {
    return new SecretBuilder().withNewMetadata().withName(name).endMetadata().withType(type)
        .addToData("tls.crt", Base64.getEncoder().encodeToString(cert.getBytes()))
        .addToData("tls.key", Base64.getEncoder().encodeToString(key.getBytes()))
        .build();
  }
}
