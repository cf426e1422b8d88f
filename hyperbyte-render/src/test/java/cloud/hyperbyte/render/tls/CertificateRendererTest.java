package cloud.hyperbyte.render.tls;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.render.TestSpecs;
import cloud.hyperbyte.render.UnmodelledObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CertificateRendererTest {

  @Test
  @SuppressWarnings("unchecked")
  void givenCertManagerExpectCertificateWritingTheMountedSecret() {
    UnmodelledObject certificate = CertificateRenderer.render(TestSpecs.tlsSingle(TlsMode.CERT_MANAGER)).orElseThrow();
    Map<String, Object> spec = certificate.getSpec();

    assertThat(certificate.getApiVersion()).isEqualTo("cert-manager.io/v1");
    assertThat(certificate.getKind()).isEqualTo("Certificate");
    assertThat(certificate.getMetadata().getName()).isEqualTo("db-tls");
    assertThat(spec.get("secretName")).isEqualTo("db-tls");
    assertThat((Map<String, Object>) spec.get("issuerRef"))
        .containsEntry("name", "letsencrypt")
        .containsEntry("kind", "ClusterIssuer")
        .containsEntry("group", "cert-manager.io");
    assertThat(spec.get("duration")).isEqualTo("2160h");
    assertThat(spec.get("renewBefore")).isEqualTo("720h");
    assertThat((Map<String, Object>) spec.get("privateKey"))
        .containsEntry("algorithm", "ECDSA")
        .containsEntry("size", 256)
        .containsEntry("rotationPolicy", "Always");
    assertThat((List<String>) spec.get("usages")).contains("server auth", "client auth");
    assertThat((Map<String, Object>) ((Map<String, Object>) spec.get("secretTemplate")).get("labels"))
        .containsEntry("app.kubernetes.io/instance", "db");
  }

  @Test
  void givenCertManagerExpectEveryMemberServiceFormAndLocalhost() {
    assertThat(CertificateRenderer.dnsNames(TestSpecs.tlsSingle(TlsMode.CERT_MANAGER)))
        .containsExactly(
            "db-0.db-headless.prod.svc.cluster.local",
            "db", "db.prod", "db.prod.svc", "db.prod.svc.cluster.local",
            "localhost");
    assertThat(CertificateRenderer.dnsNames(TestSpecs.tlsSingle(TlsMode.CERT_MANAGER).withProxy(TestSpecs.proxy())))
        .contains("db-proxy", "db-proxy.prod", "db-proxy.prod.svc", "db-proxy.prod.svc.cluster.local");
  }

  @Test
  void givenOtherModesExpectNoCertificate() {
    assertThat(CertificateRenderer.render(TestSpecs.single())).isEmpty();
    assertThat(CertificateRenderer.render(TestSpecs.tlsSingle(TlsMode.OPERATOR_CA))).isEmpty();
    assertThat(CertificateRenderer.render(TestSpecs.tlsSingle(TlsMode.USER_SECRET))).isEmpty();
  }

  @Test
  void givenEachModeExpectTheSecretMembersMount() {
    assertThat(TlsSecretSource.secretName(TestSpecs.single())).isEmpty();
    assertThat(TlsSecretSource.secretName(TestSpecs.tlsSingle(TlsMode.OPERATOR_CA))).contains("db-tls");
    assertThat(TlsSecretSource.secretName(TestSpecs.tlsSingle(TlsMode.CERT_MANAGER))).contains("db-tls");
    assertThat(TlsSecretSource.secretName(TestSpecs.tlsSingle(TlsMode.USER_SECRET))).contains("my-cert");
  }
}
