package cloud.hyperbyte.tls.issue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.hyperbyte.tls.NodeDnsNames;
import cloud.hyperbyte.tls.TestPki;
import cloud.hyperbyte.tls.inspect.SubjectAlternativeNames;
import cloud.hyperbyte.tls.keys.KeyAlgorithm;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;

class NodeCertificateIssuerTest {

  private static final List<String> NAMES =
      NodeDnsNames.forNode("hb", "prod", "cluster.local", 0, true);

  @Test
  void givenEcCa_expectChainVerifiedByJdkPkixAndBySignature() throws Exception {
    CertificateAuthority ca = TestPki.ecCa();
    X509Certificate node = TestPki.node(NAMES).certificate();

    node.verify(ca.certificate().getPublicKey());
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
    parameters.setRevocationEnabled(false);
    parameters.setDate(Date.from(TestPki.T0.plus(Duration.ofDays(1))));
    CertPathValidator.getInstance("PKIX")
        .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(node)), parameters);
  }

  @Test
  void givenNames_expectExactlyThoseSansAndFirstNameAsCommonName() {
    X509Certificate node = TestPki.node(NAMES).certificate();

    assertThat(SubjectAlternativeNames.of(node).dnsNames()).containsExactlyElementsOf(NAMES);
    assertThat(SubjectAlternativeNames.of(node).ipAddresses()).isEmpty();
    assertThat(node.getSubjectX500Principal().getName())
        .isEqualTo("CN=hb-0.hb-headless.prod.svc.cluster.local");
  }

  @Test
  void givenEcKey_expectServerAndClientAuthDigitalSignatureAndAkiOfCa() throws Exception {
    X509Certificate node = TestPki.node(NAMES).certificate();

    assertThat(node.getExtendedKeyUsage())
        .containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    // digitalSignature (0) only
    assertThat(node.getKeyUsage())
        .containsExactly(true, false, false, false, false, false, false, false, false);
    assertThat(node.getBasicConstraints()).isEqualTo(-1);
    assertThat(authorityKeyId(node)).isEqualTo(subjectKeyId(TestPki.ecCa().certificate()));
  }

  @Test
  void givenRsaKey_expectKeyEnciphermentToo() {
    var issuer =
        new NodeCertificateIssuer(TestPki.ecCa(), TestPki.clockAt(TestPki.T0), TestPki.RANDOM);

    X509Certificate node =
        issuer.issue(NAMES, KeyAlgorithm.RSA_2048, Duration.ofDays(30)).certificate();

    assertThat(node.getPublicKey().getAlgorithm()).isEqualTo("RSA");
    assertThat(node.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(node.getKeyUsage()[2]).as("keyEncipherment").isTrue();
    assertThat(node.getSigAlgName()).as("signed by the EC CA").isEqualTo("SHA256withECDSA");
  }

  @Test
  void givenDefaults_expectNinetyDaysBackdatedFiveMinutesAndRandomSerials() {
    X509Certificate first = TestPki.node(NAMES).certificate();
    X509Certificate second = TestPki.node(NAMES).certificate();

    assertThat(first.getNotBefore().toInstant()).isEqualTo(TestPki.T0.minus(Duration.ofMinutes(5)));
    assertThat(first.getNotAfter().toInstant()).isEqualTo(TestPki.T0.plus(Duration.ofDays(90)));
    assertThat(first.getSerialNumber()).isNotEqualTo(second.getSerialNumber());
    assertThat(first.getPublicKey()).isNotEqualTo(second.getPublicKey());
  }

  @Test
  void givenValidityBeyondCaExpiry_expectCutAtCaExpiry() {
    CertificateAuthority ca = TestPki.ecCa();
    var lateClock = TestPki.clockAt(ca.certificate().getNotAfter().toInstant().minus(Duration.ofDays(10)));

    X509Certificate node =
        new NodeCertificateIssuer(ca, lateClock, TestPki.RANDOM).issue(NAMES).certificate();

    assertThat(node.getNotAfter()).isEqualTo(ca.certificate().getNotAfter());
  }

  @Test
  void givenFirstNameLongerThan64_expectFirstNameThatFitsAsCommonName() {
    String longFqdn = "a-very-long-cluster-name-0.a-very-long-cluster-name-headless.production.svc.cluster.local";

    X509Certificate node = TestPki.node(List.of(longFqdn, "short")).certificate();

    assertThat(node.getSubjectX500Principal().getName()).isEqualTo("CN=short");
    assertThat(SubjectAlternativeNames.of(node).dnsNames()).containsExactly(longFqdn, "short");
  }

  @Test
  void givenNoNamesOrNonPositiveValidity_expectRejection() {
    var issuer =
        new NodeCertificateIssuer(TestPki.ecCa(), TestPki.clockAt(TestPki.T0), TestPki.RANDOM);

    assertThatThrownBy(() -> issuer.issue(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> issuer.issue(NAMES, KeyAlgorithm.EC_P256, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] authorityKeyId(X509Certificate certificate) {
    byte[] value = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
    return AuthorityKeyIdentifier.getInstance(DEROctetString.getInstance(value).getOctets())
        .getKeyIdentifierObject()
        .getOctets();
  }

  private static byte[] subjectKeyId(X509Certificate certificate) {
    byte[] value = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    return SubjectKeyIdentifier.getInstance(DEROctetString.getInstance(value).getOctets())
        .getKeyIdentifier();
  }
}
