package cloud.hyperbyte.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.render.monitoring.OperatorMetricNames;
import cloud.hyperbyte.testkit.cluster.ShiftableClock;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TlsE2eTest extends OperatorE2eTest {

  @Test
  void theOperatorIssuesACaAndNodeCertificatesMountsThemAndRollsMembersOnRenewal() throws Exception {
    ShiftableClock clock = new ShiftableClock(Clock.systemUTC());
    restartOperator(clock, FREQUENT_RESYNC);
    create(Manifests.cluster("secure", 1, """
        server:
          tls:
            enabled: true
        """));
    awaitRunning("secure", 1);

    Secret ca = user.secrets().inNamespace(NS).withName("secure-ca").get();
    Secret nodes = user.secrets().inNamespace(NS).withName("secure-tls").get();
    assertThat(ca).isNotNull();
    assertThat(nodes).isNotNull();
    assertThat(condition("secure", "TlsReady")).hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    StatefulSet sts = user.apps().statefulSets().inNamespace(NS).withName("secure").get();
    assertThat(sts.getSpec().getTemplate().getSpec().getVolumes()).extracting(Volume::getSecret)
        .anySatisfy(secret -> assertThat(secret).isNotNull().extracting(s -> s.getSecretName()).isEqualTo("secure-tls"));
    int replacedBefore = history.replacements().size();

    clock.advance(Duration.ofDays(70)); // node certificates live 90 days and renew in their last third

    eventually().until(() -> !user.secrets().inNamespace(NS).withName("secure-tls").get().getData()
        .equals(nodes.getData()));
    eventually().until(() -> history.replacementsSince(replacedBefore).contains("secure-0"));
    awaitRunning("secure", 1);
    assertThat(user.secrets().inNamespace(NS).withName("secure-ca").get().getData()).isEqualTo(ca.getData());
  }

  @Test
  void aPausedClusterWarnsThatItsMemberCannotLoadTheRenewedCertificateAndUnpausingLoadsIt() throws Exception {
    ShiftableClock clock = new ShiftableClock(Clock.systemUTC());
    restartOperator(clock, FREQUENT_RESYNC);
    create(Manifests.cluster("held", 1, """
        server:
          tls:
            enabled: true
        """));
    awaitRunning("held", 1);
    eventually().until(() -> certificateNotAfter("held") != null);
    Instant firstNotAfter = Instant.parse(certificateNotAfter("held"));
    assertThat(condition("held", "CertificatesRenewable"))
        .hasValueSatisfying(c -> assertThat(c.getStatus()).isEqualTo("True"));
    assertThat(secondsToExpiry("held")).isBetween(89 * 86_400.0, 90 * 86_400.0);
    edit("held", c -> {
      c.getSpec().setPaused(true);
      return c;
    });
    eventually().until(() -> condition("held", "Paused").map(c -> c.getStatus().equals("True")).orElse(false));
    int replacedBefore = history.replacements().size();

    clock.advance(Duration.ofDays(70)); // inside the last third of the member certificate's 90 days

    eventually().until(() -> !events.withReason("held", "CertificateRenewalPaused").isEmpty());
    assertThat(events.withReason("held", "CertificateRenewalPaused")).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo("Warning");
      assertThat(e.message()).contains("held-0", firstNotAfter.toString(), "spec.paused");
    });
    assertThat(condition("held", "CertificatesRenewable")).hasValueSatisfying(c -> {
      assertThat(c.getStatus()).isEqualTo("False");
      assertThat(c.getReason()).isEqualTo("CertificateRenewalPaused");
    });
    assertThat(certificateNotAfter("held")).as("the member still serves the old certificate")
        .isEqualTo(firstNotAfter.toString());
    assertThat(secondsToExpiry("held")).isBetween(19 * 86_400.0, 20 * 86_400.0);
    awaitMoreReconciles(3);
    assertThat(events.withReason("held", "CertificateRenewalPaused")).as("announced once").hasSize(1);
    assertThat(history.replacementsSince(replacedBefore)).isEmpty();

    edit("held", c -> {
      c.getSpec().setPaused(false);
      return c;
    });

    eventually().until(() -> history.replacementsSince(replacedBefore).contains("held-0"));
    eventually().until(() -> condition("held", "CertificatesRenewable").map(c -> c.getStatus().equals("True")).orElse(false)
        && Instant.parse(certificateNotAfter("held")).isAfter(firstNotAfter.plus(Duration.ofDays(60))));
  }

  private String certificateNotAfter(String cluster) {
    HyperbytedbClusterStatus status = status(cluster);
    return status == null || status.getMembers() == null || status.getMembers().isEmpty() ? null
        : status.getMembers().get(0).getCertificateNotAfter();
  }

  private double secondsToExpiry(String cluster) {
    return operator.metrics().registry().scrape().stream()
        .filter(s -> s.getMetadata().getPrometheusName().equals(OperatorMetricNames.CERTIFICATE_EXPIRY_SECONDS))
        .flatMap(s -> ((GaugeSnapshot) s).getDataPoints().stream())
        .filter(p -> cluster.equals(p.getLabels().get(OperatorMetricNames.CLUSTER_LABEL)))
        .mapToDouble(GaugeSnapshot.GaugeDataPointSnapshot::getValue)
        .findFirst().orElseThrow();
  }
}
