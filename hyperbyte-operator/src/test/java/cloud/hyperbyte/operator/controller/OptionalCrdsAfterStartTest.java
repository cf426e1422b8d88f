package cloud.hyperbyte.operator.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.operator.database.PodAddressResolver;
import cloud.hyperbyte.operator.database.ProxyAddressResolver;
import cloud.hyperbyte.operator.kube.GenericKinds;
import cloud.hyperbyte.operator.kube.ThirdPartyCrds;
import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.testkit.Patience;
import cloud.hyperbyte.testkit.kube.PodLifecycle;
import cloud.hyperbyte.testkit.kube.PodReadiness;
import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus Operator and cert-manager installed after the operator started: a cluster that
 * asks for a ServiceMonitor (the default) or a cert-manager Certificate is reconciled without it and
 * says which CRD is missing; once the CRD is installed the object is applied, without a restart; when
 * the CRD is removed the condition says so again.
 */
class OptionalCrdsAfterStartTest {

  private static final Duration WAIT = Patience.LIMIT;
  private static final String NS = "shop";

  private SimulatedKubernetes kube;
  private KubernetesClient client;
  private Operator operator;

  @BeforeEach
  void start() throws Exception {
    kube = SimulatedKubernetes.start();
    client = kube.client();
    kube.simulateStatefulSets(PodReadiness.always(), PodLifecycle.NONE);
    PodAddressResolver nowhere = (member, scheme) -> URI.create(scheme + "://127.0.0.1:1");
    // members never answer here, so a creation's status comes with its stall: a 2 s one at this pacing
    OperatorSettings settings = OperatorSettings.embedded("cluster.local").withStatusProgressPeriod(Duration.ofMillis(100));
    operator = new Operator(client, settings, OperatorMetrics.standalone(), nowhere,
        ProxyAddressResolver.podIp(), Clock.systemUTC())
        .start(WAIT);
  }

  @AfterEach
  void stop() {
    operator.close();
    kube.close();
  }

  /** A one-member cluster; {@code spec} adds fields to the spec in JSON/YAML flow style. */
  private static HyperbytedbCluster cluster(String name, String spec) {
    return Serialization.unmarshal("""
        apiVersion: hyperbytedb.hyperbyte.cloud/v1alpha1
        kind: HyperbytedbCluster
        metadata: {name: %s, namespace: %s}
        spec: {replicas: 1, version: "0.8.5"%s}
        """.formatted(name, NS, spec.isEmpty() ? "" : ", " + spec), HyperbytedbCluster.class);
  }

  private Condition crdsInstalled(String name) {
    HyperbytedbCluster live = client.resources(HyperbytedbCluster.class).inNamespace(NS).withName(name).get();
    assertThat(live.getStatus()).isNotNull();
    return live.getStatus().getConditions().stream().filter(c -> CrdsInstalledCondition.TYPE.equals(c.getType()))
        .findFirst().orElseThrow();
  }

  private List<GenericKubernetesResource> objects(GenericKinds kind) {
    return client.genericKubernetesResources(kind.context()).inNamespace(NS).list().getItems();
  }

  private List<String> eventReasons(String name) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName())).map(Event::getReason).toList();
  }

  @Test
  void aServiceMonitorIsAppliedOnceItsCrdIsInstalledWithoutRestartingTheOperator() {
    client.resource(cluster("metrics", "")).create();

    await().atMost(WAIT).untilAsserted(() -> {
      Condition condition = crdsInstalled("metrics");
      assertThat(condition.getStatus()).isEqualTo("False");
      assertThat(condition.getReason()).isEqualTo(CrdsInstalledCondition.MISSING);
      assertThat(condition.getMessage()).contains("CRD servicemonitors.monitoring.coreos.com is not installed")
          .contains("spec.monitoring.serviceMonitor: false");
    });
    assertThat(client.apps().statefulSets().inNamespace(NS).withName("metrics").get())
        .as("the rest of the cluster is reconciled").isNotNull();
    assertThat(eventReasons("metrics")).contains(CrdsInstalledCondition.MISSING);

    kube.registerCrd(ThirdPartyCrds.of(GenericKinds.SERVICE_MONITOR));

    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(objects(GenericKinds.SERVICE_MONITOR)).extracting(m -> m.getMetadata().getName())
          .containsExactly("metrics");
      Condition condition = crdsInstalled("metrics");
      assertThat(condition.getStatus()).isEqualTo("True");
      assertThat(condition.getReason()).isEqualTo(CrdsInstalledCondition.INSTALLED);
    });
    assertThat(eventReasons("metrics")).contains("CrdInstalled");

    client.apiextensions().v1().customResourceDefinitions().withName(GenericKinds.SERVICE_MONITOR.crdName()).delete();

    await().atMost(WAIT).untilAsserted(() -> assertThat(crdsInstalled("metrics").getStatus()).isEqualTo("False"));
  }

  @Test
  void aCertManagerCertificateIsAppliedOnceItsCrdIsInstalled() {
    kube.registerCrd(ThirdPartyCrds.of(GenericKinds.SERVICE_MONITOR));
    client.resource(cluster("secure",
        "server: {tls: {enabled: true, certManagerIssuerRef: {name: letsencrypt, kind: ClusterIssuer}}}")).create();

    await().atMost(WAIT).untilAsserted(() -> {
      Condition condition = crdsInstalled("secure");
      assertThat(condition.getStatus()).isEqualTo("False");
      assertThat(condition.getMessage()).contains("CRD certificates.cert-manager.io is not installed")
          .doesNotContain("servicemonitors");
    });
    assertThat(objects(GenericKinds.SERVICE_MONITOR)).as("the kinds that are installed are applied").hasSize(1);

    kube.registerCrd(ThirdPartyCrds.of(GenericKinds.CERTIFICATE));

    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(objects(GenericKinds.CERTIFICATE)).hasSize(1);
      assertThat(crdsInstalled("secure").getStatus()).isEqualTo("True");
    });
  }

  @Test
  void aClusterThatNeedsNoOtherCrdSaysSo() {
    client.resource(cluster("plain", "monitoring: {serviceMonitor: false}")).create();

    await().atMost(WAIT).untilAsserted(() -> {
      Condition condition = crdsInstalled("plain");
      assertThat(condition.getStatus()).isEqualTo("True");
      assertThat(condition.getReason()).isEqualTo(CrdsInstalledCondition.NONE_NEEDED);
    });
    assertThat(eventReasons("plain")).doesNotContain(CrdsInstalledCondition.MISSING);
  }
}
