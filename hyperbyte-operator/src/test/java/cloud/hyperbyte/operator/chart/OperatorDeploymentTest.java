package cloud.hyperbyte.operator.chart;

import static cloud.hyperbyte.operator.chart.RenderedChart.at;
import static cloud.hyperbyte.operator.chart.RenderedChart.listAt;
import static cloud.hyperbyte.operator.chart.RenderedChart.mapAt;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operator Deployment with default values, and the values that change it. */
class OperatorDeploymentTest {

  private static Map<String, Object> deployment(Map<String, Object> values) {
    return HelmChart.render(values).one("Deployment", HelmChart.RELEASE);
  }

  private static Map<String, Object> container(Map<String, Object> deployment) {
    return mapAt(deployment, "spec.template.spec.containers.0");
  }

  @Test
  void podMeetsTheRestrictedPodSecurityStandard() {
    Map<String, Object> deployment = deployment(Map.of());
    Map<String, Object> pod = mapAt(deployment, "spec.template.spec");
    Map<String, Object> container = container(deployment);

    assertThat(at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
    assertThat(at(pod, "securityContext.runAsUser")).isEqualTo(65532);
    assertThat(at(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
    assertThat(at(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
    assertThat(at(container, "securityContext.capabilities.drop")).isEqualTo(List.of("ALL"));
    assertThat(at(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
    assertThat(at(container, "volumeMounts")).isEqualTo(List.of(Map.of("name", "tmp", "mountPath", "/tmp")));
    assertThat(at(pod, "volumes.0.name")).isEqualTo("tmp");
    assertThat(at(pod, "volumes.0.emptyDir")).isNotNull();
    assertThat(pod).doesNotContainKeys("hostNetwork", "hostPID", "hostIPC");
  }

  @Test
  void probesUseTheHealthEndpoints() {
    Map<String, Object> container = container(deployment(Map.of()));

    assertThat(at(container, "livenessProbe.httpGet")).isEqualTo(Map.of("path", "/healthz", "port", "health"));
    assertThat(at(container, "readinessProbe.httpGet")).isEqualTo(Map.of("path", "/readyz", "port", "health"));
    assertThat(listAt(container, "ports")).contains(Map.of("name", "health", "containerPort", 8081, "protocol", "TCP"));
  }

  @Test
  void podNameAndNamespaceComeFromTheDownwardApi() {
    List<Object> env = listAt(container(deployment(Map.of())), "env");

    assertThat(env).contains(
        Map.of("name", "POD_NAME", "valueFrom", Map.of("fieldRef", Map.of("fieldPath", "metadata.name"))),
        Map.of("name", "POD_NAMESPACE", "valueFrom", Map.of("fieldRef", Map.of("fieldPath", "metadata.namespace"))));
  }

  @Test
  void jvmHeapFollowsTheMemoryLimitAndCpuIsNotLimited() {
    Map<String, Object> container = container(deployment(Map.of()));
    List<Object> env = listAt(container, "env");

    assertThat(env).contains(Map.of("name", "JAVA_TOOL_OPTIONS",
        "value", "-XX:MaxRAMPercentage=50 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m "
            + "-XX:MaxMetaspaceSize=96m -Xss512k -Djdk.httpclient.keepalive.timeout=30 -Djdk.httpclient.connectionPoolSize=32 -XX:+ExitOnOutOfMemoryError"));
    assertThat(at(container, "resources")).isEqualTo(Map.of(
        "requests", Map.of("cpu", "100m", "memory", "256Mi"),
        "limits", Map.of("memory", "384Mi")));
  }

  @Test
  void defaultsRunOneLeaderElectedReplicaWatchingAllNamespaces() {
    Map<String, Object> deployment = deployment(Map.of());

    assertThat(at(deployment, "spec.replicas")).isEqualTo(1);
    assertThat(at(container(deployment), "image")).isEqualTo("ghcr.io/hyperbyte-cloud/hyperbytedb-operator:0.1.0");
    assertThat(at(container(deployment), "args")).isEqualTo(List.of("run",
        "--cluster-domain=cluster.local", "--leader-election=true", "--lease-name=hyperbytedb-operator-leader",
        "--metrics-port=8080", "--health-port=8081", "--log-level=info", "--log-format=text",
        "--operator-image=ghcr.io/hyperbyte-cloud/hyperbytedb-operator:0.1.0"));
    assertThat(mapAt(deployment, "spec.template.spec")).doesNotContainKey("affinity");
  }

  @Test
  void givenBackupRestoreOffTheOperatorRunsNoRestorePodsSoNeedsNoImageForThem() {
    Map<String, Object> deployment = deployment(Map.of("features.backupRestore", false));

    assertThat(listAt(container(deployment), "args")).noneMatch(arg -> String.valueOf(arg).startsWith("--operator-image"));
  }

  @Test
  void valuesReachTheCommandLine() {
    Map<String, Object> deployment = deployment(Map.of("watchNamespaces[0]", "team-a", "watchNamespaces[1]", "team-b",
        "leaderElection.enabled", false, "logLevel", "debug", "logFormat", "json", "clusterDomain", "corp.local",
        "metrics.port", 9090, "health.port", 9091, "extraArgs[0]", "--some-flag=1"));

    assertThat(at(container(deployment), "args")).isEqualTo(List.of("run", "--namespaces=team-a,team-b",
        "--cluster-domain=corp.local", "--leader-election=false", "--metrics-port=9090", "--health-port=9091",
        "--log-level=debug", "--log-format=json",
        "--operator-image=ghcr.io/hyperbyte-cloud/hyperbytedb-operator:0.1.0", "--some-flag=1"));
  }

  @Test
  void givenTwoReplicasLeaderElectionIsForcedOnAndPodsPreferDifferentNodes() {
    Map<String, Object> deployment = deployment(ValueSet.TWO_REPLICAS.settings());

    assertThat(at(deployment, "spec.replicas")).isEqualTo(2);
    assertThat(listAt(container(deployment), "args")).contains("--leader-election=true");
    Map<String, Object> term = mapAt(deployment,
        "spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution.0");
    assertThat(at(term, "podAffinityTerm.topologyKey")).isEqualTo("kubernetes.io/hostname");
    assertThat(at(term, "podAffinityTerm.labelSelector.matchLabels")).isEqualTo(
        at(deployment, "spec.selector.matchLabels"));
    assertThat(mapAt(deployment, "spec.template.spec.affinity.podAntiAffinity"))
        .containsOnlyKeys("preferredDuringSchedulingIgnoredDuringExecution");
  }

  @Test
  void givenAnExplicitAffinityItReplacesTheDefaultAntiAffinity() {
    Map<String, Object> deployment = deployment(Map.of("replicas", 2,
        "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key",
        "pool", "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]"
            + ".matchExpressions[0].operator", "Exists"));

    assertThat(mapAt(deployment, "spec.template.spec.affinity")).containsOnlyKeys("nodeAffinity");
  }

  @Test
  void imageDigestPinsTheImage() {
    Map<String, Object> deployment = deployment(Map.of("image.digest", "sha256:" + "a".repeat(64)));

    assertThat(at(container(deployment), "image"))
        .isEqualTo("ghcr.io/hyperbyte-cloud/hyperbytedb-operator@sha256:" + "a".repeat(64));
  }
}
