package cloud.hyperbyte.operator.chart;

import static cloud.hyperbyte.operator.chart.RenderedChart.at;
import static cloud.hyperbyte.operator.chart.RenderedChart.listAt;
import static cloud.hyperbyte.operator.chart.RenderedChart.mapAt;
import static cloud.hyperbyte.operator.chart.RenderedChart.metadata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What each value set renders. */
class ChartValueSetsTest {

  private static final String CRD_KIND = "CustomResourceDefinition";

  @ParameterizedTest
  @EnumSource(ValueSet.class)
  void everyObjectIsNamedLabelledAndFreeOfRbacWildcards(ValueSet valueSet) {
    RenderedChart chart = valueSet.render();

    assertThat(chart.objects()).isNotEmpty().allSatisfy(object -> {
      assertThat(metadata(object).get("name")).isNotNull();
      assertThat(mapAt(object, "metadata.labels"))
          .containsEntry("app.kubernetes.io/name", "hyperbytedb-operator")
          .containsEntry("app.kubernetes.io/instance", HelmChart.RELEASE);
    });
    for (String kind : List.of("Role", "ClusterRole")) {
      assertThat(chart.ofKind(kind)).flatExtracting(GrantedPermissions::rules).allSatisfy(rule -> {
        for (String field : List.of("apiGroups", "resources", "verbs")) {
          assertThat(listAt(rule, field)).isNotEmpty().doesNotContain("*");
        }
      });
    }
  }

  @Test
  void namespacedModeGrantsARolePerWatchedNamespaceAndNoClusterWideOperatorRole() {
    RenderedChart chart = ValueSet.NAMESPACED.render();

    assertThat(chart.ofKind("Role")).extracting(r -> metadata(r).get("namespace") + "/" + metadata(r).get("name"))
        .containsExactlyInAnyOrder("team-a/hyperbytedb-operator", "team-b/hyperbytedb-operator",
            "hyperbytedb-system/hyperbytedb-operator-leader-election");
    assertThat(chart.ofKind("ClusterRole")).extracting(r -> metadata(r).get("name"))
        .containsExactly("hyperbytedb-operator-crd-reader");
  }

  @Test
  void namespacedModeWithoutWatchedNamespacesFailsWithAClearMessage() {
    assertThatThrownBy(() -> HelmChart.render(Map.of("rbac.namespaced", true)))
        .hasMessageContaining("rbac.namespaced=true needs the namespaces to grant access in: set watchNamespaces");
  }

  @Test
  void clusterWideModeBindsOneClusterRole() {
    RenderedChart chart = ValueSet.DEFAULTS.render();

    assertThat(chart.ofKind("ClusterRoleBinding")).extracting(b -> at(b, "roleRef.name"))
        .containsExactlyInAnyOrder("hyperbytedb-operator", "hyperbytedb-operator-crd-reader");
    assertThat(chart.ofKind("RoleBinding")).extracting(b -> at(b, "roleRef.name"))
        .containsExactly("hyperbytedb-operator-leader-election");
  }

  @Test
  void givenMetricsOffNothingExposesThem() {
    RenderedChart chart = HelmChart.render(Map.of("metrics.enabled", false, "metrics.serviceMonitor.enabled", true));

    assertThat(chart.ofKind("Service")).isEmpty();
    assertThat(chart.ofKind("ServiceMonitor")).isEmpty();
    assertThat(listAt(chart.one("Deployment", HelmChart.RELEASE), "spec.template.spec.containers.0.ports"))
        .extracting(p -> (Object) ((Map<?, ?>) p).get("name")).containsExactly("health");
  }

  @Test
  void metricsServiceAndServiceMonitorSelectTheOperatorPods() {
    RenderedChart chart = ValueSet.EVERYTHING_ON.render();
    Map<String, Object> selector = mapAt(chart.one("Deployment", HelmChart.RELEASE), "spec.selector.matchLabels");

    Map<String, Object> service = chart.one("Service", "hyperbytedb-operator-metrics");
    assertThat(mapAt(service, "spec.selector")).isEqualTo(selector);
    assertThat(at(service, "spec.ports.0")).isEqualTo(Map.of("name", "metrics", "port", 8080, "targetPort", "metrics",
        "protocol", "TCP"));
    Map<String, Object> serviceMonitor = chart.one("ServiceMonitor", HelmChart.RELEASE);
    assertThat(mapAt(serviceMonitor, "spec.selector.matchLabels")).isEqualTo(selector);
    assertThat(at(serviceMonitor, "spec.endpoints.0.port")).isEqualTo("metrics");
  }

  @Test
  void crdsAreInstalledAndKeptOnUninstallByDefault() {
    RenderedChart chart = ValueSet.DEFAULTS.render();

    assertThat(chart.ofKind(CRD_KIND)).extracting(c -> metadata(c).get("name")).containsExactly(
        "hyperbytedbbackups.hyperbytedb.hyperbyte.cloud", "hyperbytedbclusters.hyperbytedb.hyperbyte.cloud",
        "hyperbytedbrestores.hyperbytedb.hyperbyte.cloud");
    assertThat(chart.ofKind(CRD_KIND)).allSatisfy(crd ->
        assertThat(mapAt(crd, "metadata.annotations")).containsEntry("helm.sh/resource-policy", "keep"));
  }

  @Test
  void givenCrdKeepOffTheCrdsAreDeletedWithTheRelease() {
    assertThat(ValueSet.EVERYTHING_ON.render().ofKind(CRD_KIND)).hasSize(3).allSatisfy(crd ->
        assertThat(metadata(crd)).doesNotContainKey("annotations"));
  }

  @Test
  void givenCrdsOffNoCrdIsRendered() {
    assertThat(ValueSet.CRDS_OFF.render().ofKind(CRD_KIND)).isEmpty();
  }

  @Test
  void givenFeaturesOffNoPodCreationNoSecretWritesNoPvcDeletes() {
    List<String> grants = GrantedPermissions.of(ValueSet.FEATURES_OFF.render(), HelmChart.RELEASE, HelmChart.NAMESPACE)
        .stream().map(g -> g.resource() + " " + g.verb()).toList();

    assertThat(grants).doesNotContain("pods/exec create", "pods create", "secrets create", "secrets patch",
        "secrets delete", "persistentvolumeclaims patch", "persistentvolumeclaims delete");
    assertThat(grants).contains("pods delete", "secrets get", "persistentvolumeclaims get");
  }

  /** Issue 15: data moves in backup and restore pods, so no configuration lets the operator exec into a pod. */
  @ParameterizedTest
  @EnumSource(ValueSet.class)
  void noValueSetGrantsExecIntoPods(ValueSet valueSet) {
    List<String> resources = GrantedPermissions.of(valueSet.render(), HelmChart.RELEASE, HelmChart.NAMESPACE)
        .stream().map(g -> g.resource()).toList();

    assertThat(resources).doesNotContain("pods/exec", "pods/attach");
  }

  @Test
  void userRolesAggregateIntoTheBuiltInRoles() {
    RenderedChart chart = ValueSet.EVERYTHING_ON.render();

    assertThat(mapAt(chart.one("ClusterRole", "hyperbytedb-operator-admin"), "metadata.labels"))
        .containsEntry("rbac.authorization.k8s.io/aggregate-to-admin", "true");
    assertThat(mapAt(chart.one("ClusterRole", "hyperbytedb-operator-editor"), "metadata.labels"))
        .containsEntry("rbac.authorization.k8s.io/aggregate-to-edit", "true");
    Map<String, Object> viewer = chart.one("ClusterRole", "hyperbytedb-operator-viewer");
    assertThat(mapAt(viewer, "metadata.labels")).containsEntry("rbac.authorization.k8s.io/aggregate-to-view", "true");
    assertThat(listAt(viewer, "rules.0.verbs")).containsExactly("get", "list", "watch");
    assertThat(ValueSet.DEFAULTS.render().ofKind("ClusterRole")).extracting(r -> metadata(r).get("name"))
        .doesNotContain("hyperbytedb-operator-admin", "hyperbytedb-operator-editor", "hyperbytedb-operator-viewer");
  }

  @Test
  void givenCreateNamespaceTheNamespaceEnforcesTheRestrictedStandard() {
    Map<String, Object> namespace = ValueSet.EVERYTHING_ON.render().one("Namespace", HelmChart.NAMESPACE);

    assertThat(mapAt(namespace, "metadata.labels")).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
    assertThat(ValueSet.DEFAULTS.render().ofKind("Namespace")).isEmpty();
  }
}
