package cloud.hyperbyte.operator.chart;

import static cloud.hyperbyte.operator.chart.RenderedChart.listAt;
import static cloud.hyperbyte.operator.chart.RenderedChart.metadata;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Sharding by namespace: several releases of the chart, each operator watching its own namespaces
 * with its own Lease (root README, "More clusters than one operator carries"). The releases must not
 * render the same object twice (Helm refuses to install an object another release owns), and each
 * operator must elect its leader on a Lease of its own.
 */
class ShardedReleasesTest {

  @Test
  void releasesInTheirOwnNamespacesShareNoObjectAndElectOnTheirOwnLease() {
    RenderedChart first = HelmChart.render("shard-a", "hbo-a",
        Map.of("watchNamespaces[0]", "team-a1", "watchNamespaces[1]", "team-a2"));
    RenderedChart second = HelmChart.render("shard-b", "hbo-b",
        Map.of("watchNamespaces[0]", "team-b1", "crd.enable", false));

    assertThat(identities(first)).doesNotContainAnyElementsOf(identities(second));
    assertThat(operatorArgs(first)).contains("--namespaces=team-a1,team-a2", "--lease-name=hyperbytedb-operator-leader");
    assertThat(operatorArgs(second)).contains("--namespaces=team-b1", "--lease-name=hyperbytedb-operator-leader");
    assertThat(leaseRole(first)).containsEntry("namespace", "hbo-a");
    assertThat(leaseRole(second)).containsEntry("namespace", "hbo-b");
    assertThat(second.ofKind("CustomResourceDefinition")).as("the CRDs belong to one release").isEmpty();
  }

  @Test
  void releasesInOneNamespaceShareNoObjectWhenEachNamesItsLease() {
    RenderedChart first = HelmChart.render("shard-a", "hbo", Map.of("watchNamespaces[0]", "team-a1",
        "leaderElection.leaseName", "shard-a-leader"));
    RenderedChart second = HelmChart.render("shard-b", "hbo", Map.of("watchNamespaces[0]", "team-b1",
        "leaderElection.leaseName", "shard-b-leader", "crd.enable", false));

    assertThat(identities(first)).doesNotContainAnyElementsOf(identities(second));
    assertThat(operatorArgs(first)).contains("--lease-name=shard-a-leader");
    assertThat(operatorArgs(second)).contains("--lease-name=shard-b-leader");
    assertThat(leaseNamesGranted(first)).containsExactly("shard-a-leader");
    assertThat(leaseNamesGranted(second)).containsExactly("shard-b-leader");
  }

  @Test
  void namespacedRbacGrantsEachReleaseOnlyItsOwnNamespaces() {
    RenderedChart first = HelmChart.render("shard-a", "hbo-a", Map.of("watchNamespaces[0]", "team-a1",
        "rbac.namespaced", true));
    RenderedChart second = HelmChart.render("shard-b", "hbo-b", Map.of("watchNamespaces[0]", "team-b1",
        "rbac.namespaced", true, "crd.enable", false));

    assertThat(identities(first)).doesNotContainAnyElementsOf(identities(second));
    assertThat(operatorRoleNamespaces(first)).containsExactly("team-a1");
    assertThat(operatorRoleNamespaces(second)).containsExactly("team-b1");
  }

  /** kind, namespace and name: what Helm's ownership check compares. */
  private static Set<String> identities(RenderedChart chart) {
    Set<String> identities = new HashSet<>();
    chart.objects().forEach(o -> identities.add(o.get("kind") + "/" + metadata(o).get("namespace") + "/"
        + metadata(o).get("name")));
    return identities;
  }

  private static List<Object> operatorArgs(RenderedChart chart) {
    Map<String, Object> deployment = chart.ofKind("Deployment").get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> container = (Map<String, Object>) listAt(deployment, "spec.template.spec.containers").get(0);
    return listAt(container, "args");
  }

  private static Map<String, Object> leaseRole(RenderedChart chart) {
    return metadata(chart.ofKind("Role").stream()
        .filter(r -> String.valueOf(metadata(r).get("name")).endsWith("-leader-election")).findFirst().orElseThrow());
  }

  @SuppressWarnings("unchecked")
  private static List<Object> leaseNamesGranted(RenderedChart chart) {
    Map<String, Object> role = chart.ofKind("Role").stream()
        .filter(r -> String.valueOf(metadata(r).get("name")).endsWith("-leader-election")).findFirst().orElseThrow();
    return listAt(role, "rules").stream().map(r -> (Map<String, Object>) r)
        .filter(r -> r.containsKey("resourceNames")).flatMap(r -> ((List<Object>) r.get("resourceNames")).stream())
        .toList();
  }

  private static List<Object> operatorRoleNamespaces(RenderedChart chart) {
    return chart.ofKind("Role").stream()
        .filter(r -> !String.valueOf(metadata(r).get("name")).endsWith("-leader-election"))
        .map(r -> metadata(r).get("namespace")).toList();
  }
}
