package cloud.hyperbyte.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.reconcile.tls.MemberCertificate;
import cloud.hyperbyte.render.monitoring.OperatorMetricNames;
import cloud.hyperbyte.testkit.cluster.ShiftableClock;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CertificateExpiryMetricsTest {

  private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

  /** What a scrape reports now: "namespace/cluster/member" to seconds. */
  private static Map<String, Double> scrape(PrometheusRegistry registry) {
    Map<String, Double> values = new TreeMap<>();
    registry.scrape().stream()
        .filter(s -> s.getMetadata().getPrometheusName().equals(OperatorMetricNames.CERTIFICATE_EXPIRY_SECONDS))
        .flatMap(s -> ((GaugeSnapshot) s).getDataPoints().stream())
        .forEach(p -> values.put(p.getLabels().get(OperatorMetricNames.CLUSTER_NAMESPACE_LABEL) + "/"
            + p.getLabels().get(OperatorMetricNames.CLUSTER_LABEL) + "/"
            + p.getLabels().get(OperatorMetricNames.MEMBER_LABEL), p.getValue()));
    return values;
  }

  @Test
  void givenRecordedExpiriesExpectSecondsLeftAtScrapeTimeNegativeOnceExpired() {
    PrometheusRegistry registry = new PrometheusRegistry();
    ShiftableClock clock = new ShiftableClock(Clock.fixed(NOW, ZoneOffset.UTC));
    CertificateExpiryMetrics metrics = new CertificateExpiryMetrics(registry, clock);

    metrics.record("prod", "db", List.of(new MemberCertificate(0, "db-0", NOW.plus(Duration.ofDays(30)))));
    metrics.record("dev", "db", List.of(new MemberCertificate(0, "db-0", NOW.plusSeconds(60))));

    assertThat(scrape(registry)).containsExactly(Map.entry("dev/db/db-0", 60.0), Map.entry("prod/db/db-0", 2_592_000.0));
    clock.advance(Duration.ofMinutes(2));
    assertThat(scrape(registry)).containsEntry("dev/db/db-0", -60.0).containsEntry("prod/db/db-0", 2_591_880.0);
  }

  @Test
  void givenAClusterWithoutCertificatesOrDeletedExpectItsSeriesGone() {
    PrometheusRegistry registry = new PrometheusRegistry();
    CertificateExpiryMetrics metrics = new CertificateExpiryMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));
    metrics.record("prod", "a", List.of(new MemberCertificate(0, "a-0", NOW.plusSeconds(10))));
    metrics.record("prod", "b", List.of(new MemberCertificate(0, "b-0", NOW.plusSeconds(10))));

    metrics.record("prod", "a", List.of());
    metrics.forget("prod", "b");

    assertThat(scrape(registry)).isEmpty();
  }
}
