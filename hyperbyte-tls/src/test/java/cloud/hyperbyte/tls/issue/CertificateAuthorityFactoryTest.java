package cloud.hyperbyte.tls.issue;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.tls.TestPki;
import cloud.hyperbyte.tls.keys.KeyAlgorithm;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;

class CertificateAuthorityFactoryTest {

  @Test
  void givenDefaults_expectSelfSignedEcCaForTenYearsWithCaExtensions() throws Exception {
    var ca = TestPki.ecCa().certificate();

    ca.verify(ca.getPublicKey());
    assertThat(ca.getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=hb-ca");
    assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    assertThat(ca.getBasicConstraints()).isZero();
    assertThat(ca.getCriticalExtensionOIDs())
        .contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
    // keyCertSign (5) and cRLSign (6) only
    assertThat(ca.getKeyUsage())
        .containsExactly(false, false, false, false, false, true, true, false, false);
    assertThat(ca.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
    assertThat(ca.getNotBefore().toInstant()).isEqualTo(TestPki.T0.minus(Duration.ofMinutes(5)));
    assertThat(ca.getNotAfter().toInstant()).isEqualTo(TestPki.T0.plus(Duration.ofDays(3650)));
    assertThat(ca.getSerialNumber().signum()).isPositive();
  }

  @Test
  void givenRsa3072AndCustomValidity_expectRsaCaOfThatSizeAndLifetime() throws Exception {
    var factory = new CertificateAuthorityFactory(TestPki.clockAt(TestPki.T0), TestPki.RANDOM);

    var ca = factory.create("rsa-ca", KeyAlgorithm.RSA_3072, Duration.ofDays(365)).certificate();

    ca.verify(ca.getPublicKey());
    assertThat(((RSAPublicKey) ca.getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
    assertThat(ca.getSigAlgName()).isEqualTo("SHA256withRSA");
    assertThat(ca.getNotAfter().toInstant()).isEqualTo(TestPki.T0.plus(Duration.ofDays(365)));
  }

  @Test
  void givenTwoCas_expectDifferentSerialsAndKeys() {
    assertThat(TestPki.ecCa().certificate().getSerialNumber())
        .isNotEqualTo(TestPki.otherEcCa().certificate().getSerialNumber());
    assertThat(TestPki.ecCa().certificate().getPublicKey())
        .isNotEqualTo(TestPki.otherEcCa().certificate().getPublicKey());
  }
}
