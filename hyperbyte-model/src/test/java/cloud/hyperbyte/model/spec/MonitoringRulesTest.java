package cloud.hyperbyte.model.spec;

import static cloud.hyperbyte.model.spec.Manifests.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MonitoringRulesTest {

  private static Map<String, String> errors(String specYaml) {
    Validated<ClusterSpec> result = read(specYaml);
    Map<String, String> errors = new java.util.LinkedHashMap<>();
    result.errors().forEach(p -> errors.put(p.path(), p.message()));
    return errors;
  }

  @Test
  void aGoOperatorManifestWithABooleanServiceMonitorStillApplies() {
    MonitoringSettings monitoring = read("monitoring:\n  enabled: true\n  serviceMonitor: true").orElseThrow().monitoring();

    assertThat(monitoring.serviceMonitor()).isTrue();
    assertThat(monitoring.serviceMonitorInterval()).isEqualTo("30s");
    assertThat(monitoring.serviceMonitorLabels()).isEmpty();
    assertThat(monitoring.serviceMonitorScrapeTimeout()).isEmpty();
    assertThat(monitoring.grafanaDashboardLabels()).isEqualTo(Map.of("grafana_dashboard", "1"));
  }

  @Test
  void serviceMonitorSettingsAreTakenAsWritten() {
    MonitoringSettings monitoring = read("""
        monitoring:
          serviceMonitorLabels: {release: kube-prometheus-stack}
          serviceMonitorInterval: 1m
          serviceMonitorScrapeTimeout: 45s
          serviceMonitorRelabelings:
          - {sourceLabels: [__meta_kubernetes_pod_node_name], targetLabel: node}
          serviceMonitorMetricRelabelings:
          - {sourceLabels: [__name__], regex: 'go_.*', action: drop}
          grafanaDashboard: true
          grafanaDashboardLabels: {grafana_dashboard: "true", team: metrics}
        """).orElseThrow().monitoring();

    assertThat(monitoring.serviceMonitorLabels()).containsExactly(Map.entry("release", "kube-prometheus-stack"));
    assertThat(monitoring.serviceMonitorInterval()).isEqualTo("1m");
    assertThat(monitoring.serviceMonitorScrapeTimeout()).contains("45s");
    assertThat(monitoring.serviceMonitorRelabelings()).singleElement()
        .satisfies(r -> assertThat(r.getTargetLabel()).isEqualTo("node"));
    assertThat(monitoring.serviceMonitorMetricRelabelings()).singleElement()
        .satisfies(r -> assertThat(r.getAction()).isEqualTo("drop"));
    assertThat(monitoring.grafanaDashboardLabels()).containsOnly(Map.entry("grafana_dashboard", "true"), Map.entry("team", "metrics"));
  }

  @Test
  void emptyDashboardLabelsMeanNoSidecarLabel() {
    assertThat(read("monitoring: {grafanaDashboardLabels: {}}").orElseThrow().monitoring().grafanaDashboardLabels()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"30 s", "1h 30m", "30m1h", "1.5m", "-1s", "''", "10"})
  void intervalsOutsidePrometheusDurationGrammarAreRefused(String interval) {
    assertThat(errors("monitoring: {serviceMonitorInterval: " + interval + "}"))
        .containsKey("spec.monitoring.serviceMonitorInterval");
  }

  @Test
  void aZeroIntervalIsRefused() {
    assertThat(errors("monitoring: {serviceMonitorInterval: '0'}"))
        .containsEntry("spec.monitoring.serviceMonitorInterval", "must be longer than zero");
  }

  @Test
  void aScrapeTimeoutLongerThanTheIntervalIsRefusedAsThePrometheusOperatorWould() {
    assertThat(errors("monitoring: {serviceMonitorInterval: 15s, serviceMonitorScrapeTimeout: 20s}"))
        .containsOnlyKeys("spec.monitoring.serviceMonitorScrapeTimeout");
    assertThat(errors("monitoring: {serviceMonitorScrapeTimeout: 1m}").get("spec.monitoring.serviceMonitorScrapeTimeout"))
        .contains("longer than the scrape interval 30s");
    assertThat(errors("monitoring: {serviceMonitorInterval: 1m, serviceMonitorScrapeTimeout: 1m}")).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"30s, 30000", "1h30m, 5400000", "500ms, 500", "1d, 86400000", "2w, 1209600000", "1y, 31536000000", "0, 0"})
  void prometheusDurationsParseAsPrometheusDoes(String text, long millis) {
    assertThat(MonitoringRules.parse(text)).contains(Duration.ofMillis(millis));
  }

  @Test
  void labelKeysAndValuesFollowTheApiServersRulesWithTheirFieldPaths() {
    Map<String, String> errors = errors("""
        monitoring:
          serviceMonitorLabels: {"bad key!": x, release: "not valid!"}
          grafanaDashboardLabels: {"app.kubernetes.io/name": other}
        """);

    assertThat(errors).containsOnlyKeys(
        "spec.monitoring.serviceMonitorLabels[bad key!]",
        "spec.monitoring.serviceMonitorLabels[release]",
        "spec.monitoring.grafanaDashboardLabels[app.kubernetes.io/name]");
    assertThat(errors.get("spec.monitoring.grafanaDashboardLabels[app.kubernetes.io/name]")).contains("set by the operator");
  }

  @Test
  void relabelingsPrometheusWouldRefuseAreRefusedWithTheirIndex() {
    Map<String, String> errors = errors("""
        monitoring:
          serviceMonitorRelabelings:
          - {sourceLabels: [__meta_kubernetes_pod_name]}
          - {sourceLabels: [pod], action: HashMod, targetLabel: shard}
          - {sourceLabels: ["1bad"], action: keep, regex: x}
          serviceMonitorMetricRelabelings:
          - {action: labeldrop, regex: 'tmp_.*', targetLabel: x}
          - {action: labelkeep, regex: 'keep_.*'}
        """);

    assertThat(errors).containsOnlyKeys(
        "spec.monitoring.serviceMonitorRelabelings[0].targetLabel",
        "spec.monitoring.serviceMonitorRelabelings[1].modulus",
        "spec.monitoring.serviceMonitorRelabelings[2].sourceLabels[0]",
        "spec.monitoring.serviceMonitorMetricRelabelings[0]");
  }

  @Test
  void anUnknownRelabelActionIsRefusedByTheSchema() {
    assertThat(errors("monitoring: {serviceMonitorRelabelings: [{action: rename, targetLabel: x}]}"))
        .containsKey("spec.monitoring.serviceMonitorRelabelings[0].action");
  }

  @Test
  void boundsKeepTheListsSmall() {
    StringBuilder yaml = new StringBuilder("monitoring:\n  serviceMonitorRelabelings:\n");
    for (int i = 0; i < 33; i++) {
      yaml.append("  - {action: keep, regex: a}\n");
    }
    assertThat(errors(yaml.toString())).containsKey("spec.monitoring.serviceMonitorRelabelings");
  }

  @Test
  void theSameManifestGivesEqualSpecsRelabelingsIncluded() {
    String yaml = "monitoring: {serviceMonitorRelabelings: [{sourceLabels: [a], targetLabel: b}]}";

    assertThat(read(yaml).orElseThrow()).isEqualTo(read(yaml).orElseThrow());
  }
}
