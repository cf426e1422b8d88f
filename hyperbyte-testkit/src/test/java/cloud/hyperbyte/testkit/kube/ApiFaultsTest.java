package cloud.hyperbyte.testkit.kube;

import static cloud.hyperbyte.testkit.kube.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Injected API faults reach the client as a real server's errors would, and only the matching requests. */
class ApiFaultsTest {

  static SimulatedKubernetes kube;
  /** No client-side retries, so every injected answer is visible. */
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    kube = SimulatedKubernetes.start();
    client = kube.newClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(0).withRequestTimeout(300)
        .endConfig());
  }

  @AfterAll
  static void stop() {
    client.close();
    kube.close();
  }

  @AfterEach
  void clearFaults() {
    kube.faults().clear();
  }

  private static ConfigMap apply(String name, String value) {
    return client.resource(Fixtures.configMap(name, Map.of("k", value))).fieldManager("op").forceConflicts()
        .serverSideApply();
  }

  private static int statusOf(Runnable call) {
    try {
      call.run();
      return 200;
    } catch (KubernetesClientException e) {
      return e.getCode();
    }
  }

  @Test
  void aConflictOnPatchFiresTheGivenNumberOfTimesThenRequestsPass() {
    apply("conflict", "1");
    ApiFaults.Injected fault = kube.faults().inject(ApiFault.on(ApiVerb.PATCH, "ConfigMap").respondWith(409).times(1));

    assertThatThrownBy(() -> apply("conflict", "2"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(client.configMaps().inNamespace(NS).withName("conflict").get().getData()).containsEntry("k", "1");

    assertThat(apply("conflict", "3").getData()).containsEntry("k", "3");
    assertThat(fault.hits()).isEqualTo(1);
  }

  @Test
  void faultsMatchOnlyTheirVerbResourceAndName() {
    kube.faults().inject(ApiFault.on(ApiVerb.CREATE, "configmaps").named("broken").respondWith(500));

    assertThat(statusOf(() -> client.resource(Fixtures.configMap("broken", Map.of())).create())).isEqualTo(500);
    assertThat(statusOf(() -> client.resource(Fixtures.configMap("fine", Map.of())).create())).isEqualTo(200);
    assertThat(statusOf(() -> client.configMaps().inNamespace(NS).withName("broken").get())).isEqualTo(200);
  }

  @Test
  void aProbabilityDrawsFromTheSeededRandomSoRunsRepeat() {
    List<Integer> first = statusesWithProbabilisticFault(42);
    List<Integer> second = statusesWithProbabilisticFault(42);

    assertThat(first).isEqualTo(second).contains(200, 503);
  }

  private static List<Integer> statusesWithProbabilisticFault(long seed) {
    try (SimulatedKubernetes other = SimulatedKubernetes.start(java.time.Clock.systemUTC(), seed);
        KubernetesClient c = other.newClient(b -> b.editOrNewConfig().withRequestRetryBackoffLimit(0).endConfig())) {
      other.faults().inject(ApiFault.on(ApiVerb.GET, "configmaps").respondWith(503).withProbability(0.5));
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        statuses.add(statusOf(() -> c.configMaps().inNamespace(NS).withName("any").get()));
      }
      return statuses;
    }
  }

  @Test
  void aTimeoutBeforeCommitStoresNothing() {
    kube.faults().inject(ApiFault.on(ApiVerb.CREATE, "configmaps").timeout(Duration.ofSeconds(3)).times(1));

    assertThatThrownBy(() -> client.resource(Fixtures.configMap("late", Map.of())).create())
        .isInstanceOf(KubernetesClientException.class);

    assertThat(kube.client().configMaps().inNamespace(NS).withName("late").get()).isNull();
  }

  @Test
  void aTimeoutAfterCommitStoresTheWriteAlthoughTheClientGaveUp() {
    kube.faults().inject(ApiFault.on(ApiVerb.CREATE, "configmaps").timeoutAfterCommit(Duration.ofSeconds(3)).times(1));

    assertThatThrownBy(() -> client.resource(Fixtures.configMap("committed", Map.of())).create())
        .isInstanceOf(KubernetesClientException.class);

    assertThat(kube.client().configMaps().inNamespace(NS).withName("committed").get()).isNotNull();
  }

  @Test
  void theSimulatedControllersAreNeverFaultedButAreLogged() {
    kube.faults().inject(ApiFault.onAnyVerb("*").respondWith(500));
    kube.requests().clear();

    kube.registerCrd(new CustomResourceDefinitionBuilder().withNewMetadata().withName("widgets.example.com")
        .endMetadata().withNewSpec().withGroup("example.com").withScope("Namespaced")
        .withNewNames().withKind("Widget").withPlural("widgets").withSingular("widget").endNames()
        .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion().endSpec().build());

    assertThat(kube.requests().all()).isNotEmpty().allMatch(ApiRequest::fromControllers);
    assertThat(kube.requests().clientWrites()).isEmpty();
  }

  @Test
  void theRequestLogCountsClientWritesByVerbAndResource() {
    kube.requests().clear();

    apply("logged", "1");
    client.configMaps().inNamespace(NS).withName("logged").get();
    client.configMaps().inNamespace(NS).withName("logged").delete();

    assertThat(kube.requests().clientWrites()).extracting(ApiRequest::verb, ApiRequest::resource, ApiRequest::name)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(ApiVerb.PATCH, "configmaps", "logged"),
            org.assertj.core.groups.Tuple.tuple(ApiVerb.DELETE, "configmaps", "logged"));
  }

  @Test
  void theDefaultClientRetriesThroughASingleServerError() {
    kube.faults().inject(ApiFault.on(ApiVerb.GET, "configmaps").named("retried").respondWith(500).times(1));
    apply("retried", "1");

    ConfigMap read = kube.client().configMaps().inNamespace(NS).withName("retried").get();

    assertThat(read).isNotNull();
  }
}
