package cloud.hyperbyte.tls.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.tls.TestPki;
import cloud.hyperbyte.tls.issue.NodeCertificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateInspectorTest {

  private static final NodeCertificate NODE = TestPki.node(List.of("hb-0.hb-headless.ns", "hb"));
  private static final CertificateInspector INSPECTOR =
      new CertificateInspector(TestPki.clockAt(Duration.ofDays(1)));

  @Test
  void givenNodeCertificateWithKeyAndCa_expectFieldsMatchingKeyAndTrustedChain() throws Exception {
    CertificateReport report =
        INSPECTOR.inspect(
            NODE.certificatePem(), NODE.privateKeyPem(), TestPki.ecCa().certificate());

    assertThat(report.subject()).isEqualTo("CN=hb-0.hb-headless.ns");
    assertThat(report.issuer()).isEqualTo("CN=hb-ca");
    assertThat(report.serialHex()).isEqualTo(NODE.certificate().getSerialNumber().toString(16));
    assertThat(report.notBefore()).isEqualTo(TestPki.T0.minus(Duration.ofMinutes(5)));
    assertThat(report.notAfter()).isEqualTo(TestPki.T0.plus(Duration.ofDays(90)));
    assertThat(report.dnsNames()).containsExactly("hb-0.hb-headless.ns", "hb");
    assertThat(report.ipAddresses()).isEmpty();
    assertThat(report.keyMatches()).contains(true);
    assertThat(report.chain()).hasValueSatisfying(chain -> assertThat(chain.trusted()).isTrue());
  }

  @Test
  void givenForeignKeyAndOtherCa_expectMismatchAndUntrustedChain() throws Exception {
    CertificateReport report =
        INSPECTOR.inspect(
            NODE.certificatePem(),
            TestPki.otherEcCa().privateKeyPem(),
            TestPki.otherEcCa().certificate());

    assertThat(report.keyMatches()).contains(false);
    assertThat(report.chain())
        .hasValueSatisfying(
            chain -> {
              assertThat(chain.trusted()).isFalse();
              assertThat(chain.problem()).isNotBlank();
            });
  }

  @Test
  void givenNoKeyAndNoCa_expectThoseChecksAbsent() throws Exception {
    CertificateReport report = INSPECTOR.inspect(NODE.certificatePem(), null, null);

    assertThat(report.keyMatches()).isEmpty();
    assertThat(report.chain()).isEmpty();
  }

  @Test
  void givenClockAfterExpiry_expectChainNotTrusted() throws Exception {
    var expiredInspector = new CertificateInspector(TestPki.clockAt(Duration.ofDays(91)));

    CertificateReport report =
        expiredInspector.inspect(NODE.certificatePem(), null, TestPki.ecCa().certificate());

    assertThat(report.chain()).hasValueSatisfying(chain -> assertThat(chain.trusted()).isFalse());
  }
}
