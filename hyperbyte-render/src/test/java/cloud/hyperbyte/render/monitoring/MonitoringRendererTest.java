package cloud.hyperbyte.render.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ImmutableMonitoringSettings;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.render.SpecVariants;
import cloud.hyperbyte.render.TestSpecs;
import cloud.hyperbyte.render.UnmodelledObject;
import cloud.hyperbyte.render.service.ServiceRenderer;
import cloud.hyperbyte.testkit.schema.KubernetesSchemas;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MonitoringRendererTest {

  private static final KubernetesSchemas SCHEMAS = KubernetesSchemas.shared();

  private static Map<String, Object> spec(UnmodelledObject resource) {
    return resource.getSpec();
  }

  @Test
  @SuppressWarnings("unchecked")
  void givenServiceMonitorExpectItSelectsTheHeadlessServiceOnly() {
    UnmodelledObject monitor = ServiceMonitorRenderer.render(TestSpecs.threeNode()).orElseThrow();
    Map<String, String> matchLabels =
        (Map<String, String>) ((Map<String, Object>) spec(monitor).get("selector")).get("matchLabels");
    Map<String, String> headless = ServiceRenderer.headless(TestSpecs.threeNode()).getMetadata().getLabels();
    Map<String, String> client = ServiceRenderer.client(TestSpecs.threeNode()).getMetadata().getLabels();

    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
    assertThat(monitor.getMetadata().getName()).isEqualTo("db");
    assertThat(headless.entrySet().containsAll(matchLabels.entrySet())).isTrue();
    assertThat(client.entrySet().containsAll(matchLabels.entrySet())).isFalse();
    Map<String, Object> endpoint = ((List<Map<String, Object>>) spec(monitor).get("endpoints")).get(0);
    assertThat(endpoint)
        .containsEntry("port", "http")
        .containsEntry("path", "/metrics")
        .containsEntry("interval", "30s")
        .containsEntry("scheme", "http")
        .doesNotContainKey("tlsConfig");
  }

  @Test
  @SuppressWarnings("unchecked")
  void givenTlsExpectHttpsScrapes() {
    Map<String, Object> operatorCa =
        ((List<Map<String, Object>>) spec(ServiceMonitorRenderer.render(TestSpecs.tlsSingle(TlsMode.OPERATOR_CA)).orElseThrow())
            .get("endpoints")).get(0);
    Map<String, Object> certManager =
        ((List<Map<String, Object>>) spec(ServiceMonitorRenderer.render(TestSpecs.tlsSingle(TlsMode.CERT_MANAGER)).orElseThrow())
            .get("endpoints")).get(0);

    assertThat(operatorCa).containsEntry("scheme", "https");
    assertThat((Map<String, Object>) operatorCa.get("tlsConfig")).containsEntry("serverName", "db.prod.svc").containsKey("ca");
    assertThat(certManager).containsEntry("scheme", "https");
    assertThat((Map<String, Object>) certManager.get("tlsConfig")).containsEntry("insecureSkipVerify", true);
  }

  @Test
  void givenMonitoringObjectsOffExpectNone() {
    ClusterSpec spec =
        TestSpecs.threeNode().withMonitoring(
            ImmutableMonitoringSettings.builder().scrapeAnnotations(false).serviceMonitor(false).grafanaDashboard(false).prometheusRule(false).build());

    assertThat(ServiceMonitorRenderer.render(spec)).isEmpty();
    assertThat(PrometheusRuleRenderer.render(spec)).isEmpty();
    assertThat(DashboardRenderer.render(spec)).isEmpty();
  }

  @Test
  void givenDashboardExpectLabelledConfigMapWithJson() {
    ConfigMap dashboard = DashboardRenderer.render(TestSpecs.highlyAvailable()).orElseThrow();

    assertThat(dashboard.getMetadata().getName()).isEqualTo("db-dashboard");
    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
    assertThat(dashboard.getData()).containsOnlyKeys("prod-db-hyperbytedb.json");
    String json = dashboard.getData().values().iterator().next();
    assertThat(json).startsWith("{\n  \"uid\" : \"hyperbytedb-prod-db\",\n").doesNotContain("\r").endsWith("}\n");
    assertThat(json.indexOf("\"panels\"")).isGreaterThan(json.indexOf("\"templating\""));
  }

  @Test
  void givenLongNamesExpectADashboardUidGrafanaAccepts() {
    String uid = DashboardRenderer.uid(TestSpecs.single().withNamespace("observability-production").withName("metrics-store-eu"));

    assertThat(uid).hasSizeLessThanOrEqualTo(40).startsWith("hyperbytedb-");
    assertThat(DashboardRenderer.uid(TestSpecs.single())).isEqualTo("hyperbytedb-prod-db");
  }

  @Test
  void givenAnySpecExpectTheDashboardToUseOnlyMetricsTheServerEmits() {
    List<String> unknown = new ArrayList<>();
    Set<String> used = new TreeSet<>();
    for (ClusterSpec spec : SpecVariants.all().values()) {
      for (String expr : DashboardRenderer.expressions(spec)) {
        for (String name : ServerMetrics.namesIn(expr)) {
          used.add(name);
          if (!ServerMetrics.emitted(name)) {
            unknown.add(name + " in " + expr);
          }
        }
      }
    }

    assertThat(unknown).isEmpty();
    assertThat(used).hasSizeGreaterThan(15);
  }

  @Test
  void givenAnySpecExpectAlertsToUseOnlyMetricsTheServerOrTheOperatorEmits() {
    List<String> unknown = new ArrayList<>();
    for (ClusterSpec spec : SpecVariants.all().values()) {
      for (AlertRule rule : PrometheusRuleRenderer.alerts(spec)) {
        for (String name : ServerMetrics.namesIn(rule.expr())) {
          if (!ServerMetrics.emitted(name) && !OperatorMetricNames.USED_IN_ALERTS.contains(name)) {
            unknown.add(name + " in " + rule.alert());
          }
        }
      }
    }

    assertThat(unknown).isEmpty();
  }

  @Test
  void givenTheExtractorExpectItToFindUnknownNames() {
    assertThat(ServerMetrics.namesIn("rate(hyperbytedb_write_duration_seconds_bucket{a=\"b\"}[5m])"))
        .containsExactly("hyperbytedb_write_duration_seconds_bucket");
    assertThat(ServerMetrics.emitted("hyperbytedb_write_duration_seconds_bucket")).isFalse();
    assertThat(ServerMetrics.emitted("hyperbytedb_cluster_peers_active")).isFalse();
    assertThat(ServerMetrics.emitted("hyperbytedb_query_duration_seconds_sum")).isTrue();
  }

  @Test
  void givenClusterModeExpectNodeStateAlertOnTheRealActiveCode() {
    Map<String, String> alerts = new java.util.LinkedHashMap<>();
    PrometheusRuleRenderer.alerts(TestSpecs.threeNode()).forEach(a -> alerts.put(a.alert(), a.expr()));

    assertThat(alerts.get("HyperbytedbNodeNotActive"))
        .isEqualTo("hyperbytedb_cluster_node_state{namespace=\"prod\",pod=~\"db-[0-9]+\"} != 1");
    assertThat(alerts.get("HyperbytedbReplicationLag")).contains("hyperbytedb_replication_lag_wal_seq");
    assertThat(alerts.get("HyperbytedbDiskReadOnly")).contains("hyperbytedb_disk_readonly_events_total");
    assertThat(alerts.get("HyperbytedbMemberDown")).isEqualTo("up{namespace=\"prod\",job=\"db-headless\"} == 0");
    assertThat(alerts.get("HyperbytedbRaftMajorityLost")).isEqualTo("sum(up{namespace=\"prod\",job=\"db-headless\"}) < 2");
    assertThat(alerts.get("HyperbytedbWriteErrors")).contains("hyperbytedb_write_errors_total");
  }

  @Test
  void givenSingleModeExpectNoRaftOrReplicationAlerts() {
    assertThat(PrometheusRuleRenderer.alerts(TestSpecs.single()))
        .extracting(AlertRule::alert)
        .doesNotContain("HyperbytedbNodeNotActive", "HyperbytedbRaftMajorityLost", "HyperbytedbReplicationLag");
  }

  @Test
  @SuppressWarnings("unchecked")
  void givenPrometheusRuleExpectOneGroupWithSeverities() {
    UnmodelledObject rule = PrometheusRuleRenderer.render(TestSpecs.highlyAvailable()).orElseThrow();
    List<Map<String, Object>> groups = (List<Map<String, Object>>) spec(rule).get("groups");

    assertThat(rule.getKind()).isEqualTo("PrometheusRule");
    assertThat(groups).singleElement().satisfies(group -> {
      assertThat(group.get("name")).isEqualTo("hyperbytedb-db");
      assertThat((List<Map<String, Object>>) group.get("rules"))
          .allSatisfy(r -> assertThat((Map<String, String>) r.get("labels")).containsKey("severity"));
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void givenServiceMonitorSettingsExpectThemOnTheMonitorAndTheOperatorsLabelsKept() {
    ClusterSpec spec = SpecVariants.monitoringTuned();
    UnmodelledObject monitor = ServiceMonitorRenderer.render(spec).orElseThrow();
    Map<String, Object> endpoint = ((List<Map<String, Object>>) spec(monitor).get("endpoints")).get(0);

    assertThat(monitor.getMetadata().getLabels())
        .containsEntry("release", "kube-prometheus-stack")
        .containsEntry("team", "metrics")
        .containsAllEntriesOf(cloud.hyperbyte.render.topology.ClusterLabels.common(spec));
    assertThat(endpoint).containsEntry("interval", "1m").containsEntry("scrapeTimeout", "45s");
    assertThat((List<Map<String, Object>>) endpoint.get("relabelings")).containsExactly(
        Map.of("sourceLabels", List.of("__meta_kubernetes_pod_node_name"), "targetLabel", "node"),
        Map.of("sourceLabels", List.of("__address__"), "targetLabel", "__tmp_hash", "modulus", 4L, "action", "hashmod"));
    assertThat((List<Map<String, Object>>) endpoint.get("metricRelabelings")).containsExactly(
        Map.of("sourceLabels", List.of("__name__"), "regex", "go_.*", "action", "Drop"));
    assertThat(SCHEMAS.violations(monitor)).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void givenNoServiceMonitorSettingsExpectTheDefaultIntervalAndNoOptionalFields() {
    Map<String, Object> endpoint =
        ((List<Map<String, Object>>) spec(ServiceMonitorRenderer.render(TestSpecs.single()).orElseThrow()).get("endpoints")).get(0);

    assertThat(endpoint).containsEntry("interval", "30s")
        .doesNotContainKeys("scrapeTimeout", "relabelings", "metricRelabelings");
  }

  @Test
  void givenUserLabelsThatNameAnOperatorLabelExpectTheOperatorsValue() {
    ClusterSpec spec = TestSpecs.single().withMonitoring(ImmutableMonitoringSettings.copyOf(TestSpecs.single().monitoring())
        .withServiceMonitorLabels(Map.of("app.kubernetes.io/component", "mine")));

    assertThat(ServiceMonitorRenderer.render(spec).orElseThrow().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/component", cloud.hyperbyte.render.topology.ClusterLabels.common(spec)
            .get("app.kubernetes.io/component"));
  }

  @Test
  void givenDashboardLabelsExpectThemInsteadOfTheSidecarDefault() {
    ConfigMap dashboard = DashboardRenderer.render(SpecVariants.monitoringTuned()).orElseThrow();

    assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "true");
    assertThat(SCHEMAS.violations(dashboard)).isEmpty();
  }

  @Test
  void givenTlsExpectCertificateAlertsOnTheOperatorsMetricForThisCluster() {
    Map<String, AlertRule> alerts = new java.util.LinkedHashMap<>();
    PrometheusRuleRenderer.alerts(SpecVariants.monitoringTuned()).forEach(a -> alerts.put(a.alert(), a));

    assertThat(alerts.get("HyperbytedbCertificateExpiringSoon").expr()).isEqualTo(
        "hyperbyte_operator_certificate_expiry_seconds{cluster_namespace=\"prod\",cluster=\"db\"} < 14 * 86400");
    assertThat(alerts.get("HyperbytedbCertificateExpiringSoon").severity()).isEqualTo("warning");
    assertThat(alerts.get("HyperbytedbCertificateExpiryImminent").expr()).endsWith("} < 2 * 86400");
    assertThat(alerts.get("HyperbytedbCertificateExpiryImminent").severity()).isEqualTo("critical");
    assertThat(alerts.get("HyperbytedbCertificateExpiringSoon").summary()).contains("{{ $labels.member }}");
    assertThat(SCHEMAS.violations(PrometheusRuleRenderer.render(SpecVariants.monitoringTuned()).orElseThrow())).isEmpty();
  }

  @Test
  void givenNoTlsExpectNoCertificateAlerts() {
    assertThat(PrometheusRuleRenderer.alerts(TestSpecs.highlyAvailable()))
        .extracting(AlertRule::alert)
        .doesNotContain("HyperbytedbCertificateExpiringSoon", "HyperbytedbCertificateExpiryImminent");
  }
}
