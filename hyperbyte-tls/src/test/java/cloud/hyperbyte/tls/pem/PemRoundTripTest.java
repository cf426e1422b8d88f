package cloud.hyperbyte.tls.pem;

import static cloud.hyperbyte.tls.TestPki.concat;
import static cloud.hyperbyte.tls.TestPki.pem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.hyperbyte.tls.TestPki;
import cloud.hyperbyte.tls.issue.CertificateAuthority;
import cloud.hyperbyte.tls.issue.NodeCertificate;
import cloud.hyperbyte.tls.issue.NodeCertificateIssuer;
import cloud.hyperbyte.tls.keys.KeyAlgorithm;
import cloud.hyperbyte.tls.keys.KeyMatcher;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.junit.jupiter.api.Test;

class PemRoundTripTest {

  @Test
  void givenEcCa_expectPkcs8PemAndIdenticalRoundTrip() throws Exception {
    assertRoundTrips(TestPki.ecCa());
  }

  @Test
  void givenRsaCa_expectPkcs8PemAndIdenticalRoundTrip() throws Exception {
    assertRoundTrips(TestPki.rsaCa());
  }

  @Test
  void givenEcAndRsaNodeMaterial_expectIdenticalRoundTrip() throws Exception {
    NodeCertificateIssuer issuer =
        new NodeCertificateIssuer(TestPki.rsaCa(), TestPki.clockAt(TestPki.T0), TestPki.RANDOM);
    for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.RSA_2048)) {
      NodeCertificate node = issuer.issue(List.of("hb"), algorithm, Duration.ofDays(1));

      assertThat(PemReader.readCertificate(node.certificatePem())).isEqualTo(node.certificate());
      assertThat(PemReader.readPrivateKey(node.privateKeyPem()).getEncoded())
          .isEqualTo(node.privateKey().getEncoded());
    }
  }

  @Test
  void givenSec1EcKeyPrecededByEcParameters_expectSameKey() throws Exception {
    CertificateAuthority ca = TestPki.ecCa();
    PrivateKeyInfo pkcs8 = PrivateKeyInfo.getInstance(ca.privateKey().getEncoded());
    ECPrivateKey inner = ECPrivateKey.getInstance(pkcs8.parsePrivateKey());
    var curve = pkcs8.getPrivateKeyAlgorithm().getParameters();
    ECPrivateKey sec1 = new ECPrivateKey(256, inner.getKey(), (ASN1BitString) null, curve);
    byte[] openSslStyle =
        concat(pem("EC PARAMETERS", curve.toASN1Primitive().getEncoded()),
            pem("EC PRIVATE KEY", sec1.getEncoded()));

    PrivateKey read = PemReader.readPrivateKey(openSslStyle);

    assertThat(KeyMatcher.matches(ca.certificate().getPublicKey(), read)).isTrue();
  }

  @Test
  void givenPkcs1RsaKey_expectSameKey() throws Exception {
    CertificateAuthority ca = TestPki.rsaCa();
    byte[] pkcs1 =
        PrivateKeyInfo.getInstance(ca.privateKey().getEncoded()).parsePrivateKey().toASN1Primitive()
            .getEncoded();

    PrivateKey read = PemReader.readPrivateKey(pem("RSA PRIVATE KEY", pkcs1));

    assertThat(read.getEncoded()).isEqualTo(ca.privateKey().getEncoded());
  }

  @Test
  void givenChainPem_expectAllCertificatesInOrder() throws Exception {
    CertificateAuthority ca = TestPki.ecCa();
    NodeCertificate node = TestPki.node(List.of("hb"));

    assertThat(PemReader.readCertificates(concat(node.certificatePem(), ca.certificatePem())))
        .containsExactly(node.certificate(), ca.certificate());
  }

  @Test
  void givenGarbageOrWrongBlocks_expectPemExceptionsThatSayWhatWasFound() {
    byte[] garbage = "hello".getBytes(StandardCharsets.US_ASCII);
    byte[] keyPem = TestPki.ecCa().privateKeyPem();

    assertThatThrownBy(() -> PemReader.readCertificate(garbage))
        .isInstanceOf(PemException.class)
        .hasMessageContaining("no PEM CERTIFICATE block");
    assertThatThrownBy(() -> PemReader.readCertificate(keyPem))
        .isInstanceOf(PemException.class)
        .hasMessageContaining("found a private key");
    assertThatThrownBy(() -> PemReader.readPrivateKey(TestPki.ecCa().certificatePem()))
        .isInstanceOf(PemException.class)
        .hasMessageContaining("no PEM private key");
    assertThatThrownBy(() -> PemReader.readPrivateKey(new byte[0]))
        .isInstanceOf(PemException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void givenCaKeyOfAnotherCa_expectLoadingRejected() {
    byte[] certificate = TestPki.ecCa().certificatePem();
    byte[] wrongKey = TestPki.otherEcCa().privateKeyPem();

    assertThatThrownBy(() -> CertificateAuthority.fromPem(certificate, wrongKey))
        .isInstanceOf(PemException.class)
        .hasMessageContaining("does not belong");
  }

  private static void assertRoundTrips(CertificateAuthority ca) throws Exception {
    String keyPem = new String(ca.privateKeyPem(), StandardCharsets.US_ASCII);
    assertThat(keyPem).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(new String(ca.certificatePem(), StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN CERTIFICATE-----");

    CertificateAuthority loaded = CertificateAuthority.fromPem(ca.certificatePem(), ca.privateKeyPem());

    assertThat(loaded.certificate()).isEqualTo(ca.certificate());
    assertThat(loaded.privateKey().getEncoded()).isEqualTo(ca.privateKey().getEncoded());
    assertThat(loaded.privateKeyPem()).isEqualTo(ca.privateKeyPem());
  }
}
