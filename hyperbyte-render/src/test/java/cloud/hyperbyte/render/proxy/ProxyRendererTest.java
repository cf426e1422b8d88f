package cloud.hyperbyte.render.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.ProxySettings;
import cloud.hyperbyte.model.v1alpha1.ServiceType;
import cloud.hyperbyte.render.TestSpecs;
import cloud.hyperbyte.render.service.ServiceRenderer;
import cloud.hyperbyte.render.topology.ClusterLabels;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyRendererTest {

  private static Deployment deployment(ProxySettings proxy) {
    return ProxyRenderer.deployment(TestSpecs.threeNode().withProxy(proxy), proxy);
  }

  @Test
  void givenProxyExpectPodsTheDatabaseServicesNeverSelect() {
    Deployment deployment = deployment(TestSpecs.proxy());
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    Map<String, String> headlessSelector = ServiceRenderer.headless(TestSpecs.threeNode()).getSpec().getSelector();

    assertThat(deployment.getMetadata().getName()).isEqualTo("db-proxy");
    assertThat(podLabels)
        .containsEntry(ClusterLabels.NAME, "hyperbytedb-proxy")
        .containsEntry(ClusterLabels.INSTANCE, "db")
        .containsEntry(ClusterLabels.MANAGED_BY, "hyperbytedb-operator")
        .containsEntry(ClusterLabels.COMPONENT, "proxy");
    assertThat(podLabels.entrySet().containsAll(headlessSelector.entrySet())).isFalse();
    assertThat(deployment.getSpec().getSelector().getMatchLabels()).isEqualTo(ClusterLabels.proxySelector("db"));
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
  }

  @Test
  void givenProxyExpectEnvFromTheContract() {
    Container container = deployment(TestSpecs.proxy()).getSpec().getTemplate().getSpec().getContainers().get(0);
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : container.getEnv()) {
      env.put(var.getName(), var.getValue());
    }

    assertThat(env)
        .containsEntry("HYPERBYTEDB_PROXY_BACKEND_SERVICE", "db-headless.prod.svc.cluster.local")
        .containsEntry("HYPERBYTEDB_PROXY_BACKEND_PORT", "8086")
        .containsEntry("HYPERBYTEDB_PROXY_LISTEN", "0.0.0.0:8086")
        .containsEntry("HYPERBYTEDB_PROXY_ADMIN_LISTEN", "0.0.0.0:8087")
        .containsEntry("HYPERBYTEDB_PROXY_HEALTH_PATH", "/health")
        .containsEntry("HYPERBYTEDB_PROXY_HOLD_TIMEOUT_SECS", "30")
        .containsEntry("HYPERBYTEDB_PROXY_MAX_RETRIES", "2")
        .containsEntry("HYPERBYTEDB_PROXY_SHUTDOWN_GRACE_SECS", "30")
        .containsEntry("HYPERBYTEDB_PROXY_REQUEST_TIMEOUT_SECS", "60");
    assertThat(container.getEnv())
        .filteredOn(var -> var.getName().equals("HYPERBYTEDB_PROXY_SELF_IP"))
        .singleElement()
        .satisfies(var -> assertThat(var.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP"));
  }

  @Test
  void givenProxyExpectProbesOnTheAdminPortAndSecureDefaults() {
    Deployment deployment = deployment(TestSpecs.proxy().withShutdownGraceSecs(45));
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("admin");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("admin");
    assertThat(container.getPorts()).extracting(p -> p.getName() + ":" + p.getContainerPort()).containsExactly("http:8086", "admin:8087");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(55L);
    assertThat(deployment.getSpec().getTemplate().getSpec().getEnableServiceLinks()).isFalse();
  }

  @Test
  void givenProxyExpectSurgeRolloutSpreadAndScrapeAnnotationsOnTheAdminPort() {
    Deployment deployment = deployment(TestSpecs.proxy().withPodAnnotations(Map.of("team", "edge")));

    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(1);
    assertThat(deployment.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
            .getPreferredDuringSchedulingIgnoredDuringExecution().get(0).getPodAffinityTerm().getLabelSelector().getMatchLabels())
        .isEqualTo(ClusterLabels.proxySelector("db"));
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry("team", "edge")
        .containsEntry("prometheus.io/scrape", "true")
        .containsEntry("prometheus.io/port", "8087");
  }

  @Test
  void givenJsonLoggingExpectJsonProxyLogs() {
    ProxySettings proxy = TestSpecs.proxy();
    var spec = TestSpecs.threeNode().withProxy(proxy)
        .withLogging(cloud.hyperbyte.model.spec.ImmutableLoggingSettings.copyOf(TestSpecs.single().logging())
            .withFormat(cloud.hyperbyte.model.v1alpha1.LogFormat.JSON));

    assertThat(ProxyRenderer.deployment(spec, proxy).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .extracting(EnvVar::getName)
        .contains("LOG_FORMAT");
    assertThat(deployment(proxy).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .extracting(EnvVar::getName)
        .doesNotContain("LOG_FORMAT");
  }

  @Test
  void givenNodePortProxyExpectServiceWithThePublicPortOnly() {
    ProxySettings proxy = TestSpecs.proxy().withServiceType(ServiceType.NODE_PORT).withNodePort(30086);

    Service service = ProxyRenderer.service(TestSpecs.threeNode().withProxy(proxy), proxy);

    assertThat(service.getMetadata().getName()).isEqualTo("db-proxy");
    assertThat(service.getSpec().getType()).isEqualTo("NodePort");
    assertThat(service.getSpec().getSelector()).isEqualTo(ClusterLabels.proxySelector("db"));
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getPort()).isEqualTo(8086);
      assertThat(port.getNodePort()).isEqualTo(30086);
      assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
    });
  }

  @Test
  void givenClusterIpProxyExpectNoNodePort() {
    ProxySettings proxy = TestSpecs.proxy().withNodePort(30086);

    Service service = ProxyRenderer.service(TestSpecs.threeNode().withProxy(proxy), proxy);

    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(service.getSpec().getPorts().get(0).getNodePort()).isNull();
  }
}
