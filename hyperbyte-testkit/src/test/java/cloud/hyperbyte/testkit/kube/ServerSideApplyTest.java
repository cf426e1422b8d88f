package cloud.hyperbyte.testkit.kube;

import static cloud.hyperbyte.testkit.kube.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Server-side apply, strategic merge patch and merge patch answer like a real API server. */
class ServerSideApplyTest {

  static SimulatedKubernetes kube;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    kube = SimulatedKubernetes.start();
    client = kube.client();
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  private static ConfigMap apply(String manager, ConfigMap cm) {
    return client.resource(cm).fieldManager(manager).forceConflicts().serverSideApply();
  }

  private static ConfigMap get(String name) {
    return client.configMaps().inNamespace(NS).withName(name).get();
  }

  @Test
  void applyCreatesAnAbsentObjectAndRecordsTheManagersFields() {
    ConfigMap created = apply("operator", Fixtures.configMap("create", Map.of("a", "1")));

    assertThat(created.getMetadata().getUid()).isNotBlank();
    assertThat(created.getData()).containsExactly(Map.entry("a", "1"));
    ManagedFieldsEntry entry = created.getMetadata().getManagedFields().get(0);
    assertThat(entry.getManager()).isEqualTo("operator");
    assertThat(entry.getOperation()).isEqualTo("Apply");
    assertThat(entry.getFieldsType()).isEqualTo("FieldsV1");
    assertThat(Json.write(Json.mapper().valueToTree(entry.getFieldsV1())))
        .isEqualTo("{\"f:data\":{\"f:a\":{}}}");
  }

  @Test
  void reapplyChangesFieldsRemovesDroppedOnesAndKeepsOtherWritersFields() {
    apply("operator", Fixtures.configMap("merge", Map.of("a", "1", "b", "2")));
    client.configMaps().inNamespace(NS).withName("merge")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"foreign\":\"x\"}}");

    ConfigMap result = apply("operator", Fixtures.configMap("merge", Map.of("a", "9")));

    assertThat(result.getData()).containsOnly(Map.entry("a", "9"), Map.entry("foreign", "x"));
  }

  @Test
  void fieldsAlsoAppliedByAnotherManagerStayWhenOneManagerDropsThem() {
    apply("operator", Fixtures.configMap("shared", Map.of("a", "1", "b", "2")));
    apply("admin", Fixtures.configMap("shared", Map.of("b", "2")));

    ConfigMap result = apply("operator", Fixtures.configMap("shared", Map.of("a", "1")));

    assertThat(result.getData()).containsOnly(Map.entry("a", "1"), Map.entry("b", "2"));
  }

  @Test
  void anIdenticalApplyChangesNothing() {
    ConfigMap first = apply("operator", Fixtures.configMap("noop", Map.of("a", "1")));

    ConfigMap second = apply("operator", Fixtures.configMap("noop", Map.of("a", "1")));

    assertThat(second.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
    assertThat(second.getMetadata().getManagedFields()).isEqualTo(first.getMetadata().getManagedFields());
  }

  @Test
  void changingAFieldOwnedByAnotherManagerConflictsUnlessForced() {
    apply("admin", Fixtures.configMap("conflict", Map.of("a", "1")));

    assertThatThrownBy(() -> client.resource(Fixtures.configMap("conflict", Map.of("a", "2")))
        .fieldManager("operator").serverSideApply())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getMessage()).contains("conflict with \"admin\"").contains(".data.a");
        });
    assertThat(get("conflict").getData()).containsEntry("a", "1");

    ConfigMap forced = apply("operator", Fixtures.configMap("conflict", Map.of("a", "2")));

    assertThat(forced.getData()).containsEntry("a", "2");
    assertThat(forced.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
        .containsExactly("operator");
  }

  @Test
  void applyingTheSameValueAsAnotherManagerSharesOwnershipWithoutConflict() {
    apply("admin", Fixtures.configMap("same", Map.of("a", "1")));

    ConfigMap result = client.resource(Fixtures.configMap("same", Map.of("a", "1")))
        .fieldManager("operator").serverSideApply();

    assertThat(result.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager)
        .containsExactly("admin", "operator");
  }

  @Test
  void containersAndEnvMergeByNameAcrossManagers() {
    client.resource(deployment("lists", "db", "DB_A")).fieldManager("operator").serverSideApply();
    client.resource(deployment("lists", "sidecar", "SIDE")).fieldManager("injector").serverSideApply();
    client.resource(deployment("lists", "db", "DB_B")).fieldManager("operator").serverSideApply();

    Deployment live = client.apps().deployments().inNamespace(NS).withName("lists").get();
    var containers = live.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).extracting(c -> c.getName()).containsExactly("db", "sidecar");
    assertThat(containers.get(0).getEnv()).extracting(e -> e.getName()).containsExactly("DB_B");
    assertThat(containers.get(1).getEnv()).extracting(e -> e.getName()).containsExactly("SIDE");
  }

  @Test
  void strategicMergePatchMergesContainersByName() {
    client.resource(deployment("smp", "db", "A")).create();

    client.apps().deployments().inNamespace(NS).withName("smp").patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
        "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"db\",\"image\":\"db:2\"}]}}}}");

    var container = client.apps().deployments().inNamespace(NS).withName("smp").get()
        .getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getImage()).isEqualTo("db:2");
    assertThat(container.getEnv()).extracting(e -> e.getName()).containsExactly("A");
  }

  @Test
  void strategicMergePatchOfACustomResourceIsRefusedLikeARealServer() {
    client.resources(cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster.class).inNamespace(NS)
        .resource(Fixtures.cluster("smp", 1)).create();

    assertThatThrownBy(() -> client.resources(cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster.class)
        .inNamespace(NS).withName("smp")
        .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), "{\"spec\":{\"replicas\":3}}"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(415));
  }

  @Test
  void jsonMergePatchNullDeletesTheKey() {
    client.resource(Fixtures.configMap("null", Map.of("k", "v", "gone", "x"))).create();

    client.configMaps().inNamespace(NS).withName("null")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"gone\":null}}");

    assertThat(get("null").getData()).containsOnly(Map.entry("k", "v"));
  }

  @Test
  void jsonMergePatchWithAStaleResourceVersionConflicts() {
    ConfigMap created = client.resource(Fixtures.configMap("stale", Map.of("k", "v"))).create();
    client.configMaps().inNamespace(NS).withName("stale")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"k\":\"w\"}}");

    assertThatThrownBy(() -> client.configMaps().inNamespace(NS).withName("stale")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"resourceVersion\":\""
            + created.getMetadata().getResourceVersion() + "\"},\"data\":{\"k\":\"x\"}}"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
  }

  private static Deployment deployment(String name, String container, String env) {
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).withNamespace(NS).endMetadata()
        .withNewSpec().withNewSelector().addToMatchLabels("app", name).endSelector()
          .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
            .withNewSpec().addNewContainer().withName(container).withImage(container + ":1")
              .addNewEnv().withName(env).withValue("1").endEnv().endContainer().endSpec()
          .endTemplate().endSpec()
        .build();
  }
}
