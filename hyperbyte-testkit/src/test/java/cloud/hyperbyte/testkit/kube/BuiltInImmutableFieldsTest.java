package cloud.hyperbyte.testkit.kube;

import static cloud.hyperbyte.testkit.kube.Fixtures.NS;
import static cloud.hyperbyte.testkit.kube.Refusals.assertInvalid;
import static cloud.hyperbyte.testkit.kube.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The simulated API server refuses the updates of immutable fields of built-in kinds that a real
 * kube-apiserver refuses, with the same status code, field path and message, and lets the mutable
 * fields change. One nested class per rule (sources in the testkit README, "Rules enforced").
 */
class BuiltInImmutableFieldsTest {

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

  @Nested
  class StatefulSetSpec {

    private static final String FORBIDDEN = "spec: Forbidden: " + "updates to statefulset spec for fields other "
        + "than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', "
        + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

    @Test
    void aLargerClaimTemplateIsRefusedWhateverTheVerb() {
      client.resource(Fixtures.statefulSet("sts-claims", 1)).create();
      StatefulSet grown = Fixtures.statefulSet("sts-claims", 1, "1").editSpec().editFirstVolumeClaimTemplate()
          .editSpec().editResources().addToRequests("storage", new Quantity("2Gi")).endResources().endSpec()
          .endVolumeClaimTemplate().endSpec().build();
      String message = "StatefulSet.apps \"sts-claims\" is invalid: " + FORBIDDEN;

      assertInvalid(() -> client.resource(grown).fieldManager("op").forceConflicts().serverSideApply(), "spec", message);
      assertInvalid(() -> client.apps().statefulSets().inNamespace(NS).withName("sts-claims").edit(s -> grown),
          "spec", message);
      assertThat(client.apps().statefulSets().inNamespace(NS).withName("sts-claims").get().getSpec()
          .getVolumeClaimTemplates().get(0).getSpec().getResources().getRequests().get("storage"))
          .isEqualTo(new Quantity("1Gi"));
    }

    @Test
    void serviceNameSelectorAndPodManagementPolicyAreImmutable() {
      client.resource(Fixtures.statefulSet("sts-fixed", 1)).create();
      var sts = client.apps().statefulSets().inNamespace(NS).withName("sts-fixed");
      String message = "StatefulSet.apps \"sts-fixed\" is invalid: " + FORBIDDEN;

      assertInvalid(() -> sts.edit(s -> new StatefulSetBuilder(s).editSpec().withServiceName("other").endSpec().build()),
          "spec", message);
      assertInvalid(() -> sts.edit(s -> new StatefulSetBuilder(s).editSpec().withPodManagementPolicy("OrderedReady")
          .endSpec().build()), "spec", message);
      assertInvalid(() -> sts.edit(s -> new StatefulSetBuilder(s).editSpec().editSelector().addToMatchLabels("x", "y")
          .endSelector().endSpec().build()), "spec", message);
    }

    @Test
    void replicasTemplateStrategyAndTheOtherListedFieldsMayChange() {
      client.resource(Fixtures.statefulSet("sts-mutable", 1)).create();
      StatefulSet changed = client.apps().statefulSets().inNamespace(NS).withName("sts-mutable").edit(s ->
          new StatefulSetBuilder(s).editSpec().withReplicas(3).withMinReadySeconds(5).withRevisionHistoryLimit(2)
              .withNewOrdinals(1).withNewUpdateStrategy().withType("OnDelete").endUpdateStrategy()
              .withNewPersistentVolumeClaimRetentionPolicy().withWhenScaled("Delete").endPersistentVolumeClaimRetentionPolicy()
              .editTemplate().editSpec().editFirstContainer().withImage("db:2").endContainer().endSpec().endTemplate()
              .endSpec().build());

      assertThat(changed.getSpec().getReplicas()).isEqualTo(3);
      assertThat(changed.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("db:2");
    }

    /**
     * An apply that stops sending the partition empties {@code rollingUpdate} but keeps it (as
     * structured-merge-diff does in releases that keep emptied structs), so only a write that removes
     * the section switches to OnDelete; nothing in the pod template changes.
     */
    @Test
    void aRollingUpdateSectionIsRefusedWithOnDeleteUntilAWriteRemovesIt() {
      StatefulSet partitioned = Fixtures.statefulSet("sts-strategy", 2, "1").editSpec().withNewUpdateStrategy()
          .withType("RollingUpdate").withNewRollingUpdate().withPartition(2).endRollingUpdate().endUpdateStrategy()
          .endSpec().build();
      client.resource(partitioned).fieldManager("op").forceConflicts().serverSideApply();
      var sts = client.apps().statefulSets().inNamespace(NS).withName("sts-strategy");
      StatefulSet onDelete = Fixtures.statefulSet("sts-strategy", 2, "1").editSpec().withNewUpdateStrategy()
          .withType("OnDelete").endUpdateStrategy().endSpec().build();

      assertInvalid(() -> sts.edit(s -> new StatefulSetBuilder(s).editSpec().editUpdateStrategy().withType("OnDelete")
          .endUpdateStrategy().endSpec().build()), "spec.updateStrategy.rollingUpdate",
          "StatefulSet.apps \"sts-strategy\" is invalid: spec.updateStrategy.rollingUpdate: Invalid value: "
              + "{\"partition\":2}: only allowed for updateStrategy 'RollingUpdate'");
      assertInvalid(() -> client.resource(onDelete).fieldManager("op").forceConflicts().serverSideApply(),
          "spec.updateStrategy.rollingUpdate", "StatefulSet.apps \"sts-strategy\" is invalid: "
              + "spec.updateStrategy.rollingUpdate: Invalid value: {}: only allowed for updateStrategy 'RollingUpdate'");
      sts.patch(PatchContext.of(PatchType.JSON_MERGE),
          "{\"spec\":{\"updateStrategy\":{\"type\":\"OnDelete\",\"rollingUpdate\":null}}}");
      client.resource(onDelete).fieldManager("op").forceConflicts().serverSideApply();

      assertThat(sts.get().getSpec().getUpdateStrategy().getType()).isEqualTo("OnDelete");
      assertThat(sts.get().getSpec().getUpdateStrategy().getRollingUpdate()).isNull();
    }

    @Test
    void fieldsAreComparedAfterTheServerDefaults() {
      // stored as a real server stores an object that set nothing: explicit defaults
      client.resource(Fixtures.statefulSet("sts-defaults", 1, "1").editSpec().withPodManagementPolicy("OrderedReady")
          .editFirstVolumeClaimTemplate().withApiVersion("v1").withKind("PersistentVolumeClaim")
          .editSpec().withVolumeMode("Filesystem").endSpec().withNewStatus().withPhase("Pending").endStatus()
          .endVolumeClaimTemplate().endSpec().build()).create();
      StatefulSet omitting = Fixtures.statefulSet("sts-defaults", 2, "1").editSpec().withPodManagementPolicy(null)
          .endSpec().build();
      StatefulSet current = client.apps().statefulSets().inNamespace(NS).withName("sts-defaults").get();
      omitting.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());

      assertThat(client.resource(omitting).update().getSpec().getReplicas()).isEqualTo(2);
    }
  }

  @Nested
  class DeploymentSelector {

    private Deployment deployment(String name, Map<String, String> selector, String image) {
      return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
          .withNewSpec().withReplicas(1).withNewSelector().withMatchLabels(selector).endSelector()
          .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name, "tier", "x")).endMetadata()
          .withNewSpec().addNewContainer().withName("c").withImage(image).endContainer().endSpec().endTemplate()
          .endSpec().build();
    }

    @Test
    void theSelectorIsImmutable() {
      client.resource(deployment("dep-sel", Map.of("app", "dep-sel"), "a")).create();

      assertInvalid(() -> client.resource(deployment("dep-sel", Map.of("app", "dep-sel", "tier", "x"), "a"))
              .fieldManager("op").forceConflicts().serverSideApply(), "spec.selector",
          "Deployment.apps \"dep-sel\" is invalid: spec.selector: Invalid value: "
              + "{\"matchLabels\":{\"app\":\"dep-sel\",\"tier\":\"x\"}}: field is immutable");
    }

    @Test
    void replicasAndTemplateMayChange() {
      client.resource(deployment("dep-mut", Map.of("app", "dep-mut"), "a")).create();
      Deployment changed = client.resource(deployment("dep-mut", Map.of("app", "dep-mut"), "b")).fieldManager("op")
          .forceConflicts().serverSideApply();
      assertThat(changed.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("b");
    }
  }

  @Nested
  class ServiceClusterIps {

    private Service service(String name, String clusterIp, int port) {
      return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
          .withNewSpec().withClusterIP(clusterIp).withSelector(Map.of("app", name)).addNewPort().withPort(port)
          .endPort().endSpec().build();
    }

    @Test
    void anAllocatedClusterIpMayNotChange() {
      client.resource(service("svc-ip", "10.96.0.10", 80)).create();

      assertInvalid(() -> client.resource(service("svc-ip", "10.96.0.11", 80)).fieldManager("op").forceConflicts()
          .serverSideApply(), "spec.clusterIPs[0]",
          "Service \"svc-ip\" is invalid: spec.clusterIPs[0]: Invalid value: [\"10.96.0.11\"]: may not change once set");
    }

    @Test
    void aHeadlessServiceCannotGetAClusterIp() {
      client.resource(service("svc-headless", "None", 80)).create();

      assertInvalid(() -> client.services().inNamespace(NS).withName("svc-headless")
              .edit(s -> new ServiceBuilder(s).editSpec().withClusterIP("10.96.0.12").withClusterIPs().endSpec().build()),
          "spec.clusterIPs[0]",
          "Service \"svc-headless\" is invalid: spec.clusterIPs[0]: Invalid value: [\"10.96.0.12\"]: may not change once set");
    }

    @Test
    void anUpdateWithoutClusterIpKeepsTheAllocatedOneAndPortsMayChange() {
      client.resource(service("svc-keep", "10.96.0.13", 80)).create();
      Service current = client.services().inNamespace(NS).withName("svc-keep").get();
      Service replacement = service("svc-keep", null, 8080);
      replacement.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());

      Service updated = client.resource(replacement).update();

      assertThat(updated.getSpec().getClusterIP()).isEqualTo("10.96.0.13");
      assertThat(updated.getSpec().getClusterIPs()).containsExactly("10.96.0.13");
      assertThat(updated.getSpec().getPorts().get(0).getPort()).isEqualTo(8080);
    }
  }

  @Nested
  class DisruptionBudgets {

    private io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget budget(String name, Integer minAvailable,
        Integer maxUnavailable) {
      var spec = new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpecBuilder()
          .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector();
      if (minAvailable != null) {
        spec.withMinAvailable(new io.fabric8.kubernetes.api.model.IntOrString(minAvailable));
      }
      if (maxUnavailable != null) {
        spec.withMaxUnavailable(new io.fabric8.kubernetes.api.model.IntOrString(maxUnavailable));
      }
      return new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder()
          .withNewMetadata().withName(name).withNamespace(NS).endMetadata().withSpec(spec.build()).build();
    }

    @Test
    void minAvailableAndMaxUnavailableAreNeverBothSet() {
      assertInvalid(() -> client.resource(budget("pdb-both", 2, 1)).create(), "spec",
          "PodDisruptionBudget.policy \"pdb-both\" is invalid: spec: Invalid value: "
              + "minAvailable and maxUnavailable cannot be both set");
    }

    @Test
    void anApplyOfOneWhileAnotherManagerOwnsTheOtherIsRefused() {
      client.resource(budget("pdb-go", 2, null)).create();

      assertInvalid(() -> client.resource(budget("pdb-go", null, 1)).fieldManager("op").forceConflicts()
          .serverSideApply(), "spec", "PodDisruptionBudget.policy \"pdb-go\" is invalid: spec: Invalid value: "
              + "minAvailable and maxUnavailable cannot be both set");
      assertThat(client.resource(budget("pdb-go", null, null)).get().getSpec().getMinAvailable().getIntVal())
          .isEqualTo(2);
    }
  }

  @Nested
  class SecretsAndConfigMaps {

    @Test
    void aSecretsTypeIsImmutableAndAnOmittedTypeMeansOpaque() {
      client.resource(new SecretBuilder().withNewMetadata().withName("tls").withNamespace(NS).endMetadata()
          .withType("kubernetes.io/tls").withData(Map.of("tls.crt", "", "tls.key", "")).build()).create();

      Secret opaque = new SecretBuilder().withNewMetadata().withName("tls").withNamespace(NS).endMetadata()
          .withType("Opaque").withData(Map.of("tls.crt", "", "tls.key", "")).build();
      String message = "Secret \"tls\" is invalid: type: Invalid value: \"Opaque\": field is immutable";

      assertInvalid(() -> client.resource(opaque).fieldManager("op").forceConflicts().serverSideApply(), "type", message);
      opaque.setType(null); // a replacement without type is defaulted to Opaque
      assertInvalid(() -> client.resource(opaque).update(), "type", message);
    }

    @Test
    void anApplyThatLeavesTheTypeOutKeepsTheStoredType() {
      client.resource(new SecretBuilder().withNewMetadata().withName("tls-kept").withNamespace(NS).endMetadata()
          .withType("kubernetes.io/tls").withData(Map.of("tls.crt", "", "tls.key", "")).build()).create();

      Secret applied = client.resource(new SecretBuilder().withNewMetadata().withName("tls-kept").withNamespace(NS)
          .endMetadata().withData(Map.of("tls.crt", "eA==", "tls.key", "")).build()).fieldManager("op").forceConflicts()
          .serverSideApply();

      assertThat(applied.getType()).isEqualTo("kubernetes.io/tls");
    }

    @Test
    void stringDataIsStoredAsDataAndTypeDefaultsToOpaque() {
      Secret created = client.resource(new SecretBuilder().withNewMetadata().withName("plain").withNamespace(NS)
          .endMetadata().withStringData(Map.of("password", "s3cret")).build()).create();

      assertThat(created.getType()).isEqualTo("Opaque");
      assertThat(created.getStringData()).isNullOrEmpty();
      assertThat(created.getData()).containsEntry("password",
          Base64.getEncoder().encodeToString("s3cret".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anImmutableSecretKeepsItsDataAndStaysImmutable() {
      client.resource(new SecretBuilder().withNewMetadata().withName("frozen").withNamespace(NS).endMetadata()
          .withImmutable(true).withStringData(Map.of("k", "v")).build()).create();
      var secret = client.secrets().inNamespace(NS).withName("frozen");

      assertInvalid(() -> secret.edit(s -> new SecretBuilder(s).addToData("k", "eA==").build()), "data",
          "Secret \"frozen\" is invalid: data: Forbidden: field is immutable when `immutable` is set");
      assertInvalid(() -> secret.edit(s -> new SecretBuilder(s).withImmutable(false).build()), "immutable",
          "Secret \"frozen\" is invalid: immutable: Forbidden: field is immutable when `immutable` is set");
      assertThat(secret.edit(s -> new SecretBuilder(s).editMetadata().addToLabels("l", "v").endMetadata().build())
          .getMetadata().getLabels()).containsEntry("l", "v");
    }

    @Test
    void anImmutableConfigMapKeepsDataAndBinaryData() {
      client.resource(new ConfigMapBuilder().withNewMetadata().withName("frozen-cm").withNamespace(NS).endMetadata()
          .withImmutable(true).withData(Map.of("k", "v")).build()).create();
      var configMap = client.configMaps().inNamespace(NS).withName("frozen-cm");

      assertInvalid(() -> configMap.edit(c -> new ConfigMapBuilder(c).addToData("k", "w").build()), "data",
          "ConfigMap \"frozen-cm\" is invalid: data: Forbidden: field is immutable when `immutable` is set");
      assertInvalid(() -> configMap.edit(c -> new ConfigMapBuilder(c).addToBinaryData("b", "eA==").build()), "binaryData",
          "ConfigMap \"frozen-cm\" is invalid: binaryData: Forbidden: field is immutable when `immutable` is set");
      assertInvalid(() -> configMap.edit(c -> new ConfigMapBuilder(c).withImmutable(null).build()), "immutable",
          "ConfigMap \"frozen-cm\" is invalid: immutable: Forbidden: field is immutable when `immutable` is set");
    }

    @Test
    void aMutableConfigMapsDataMayChange() {
      client.resource(Fixtures.configMap("thawed", Map.of("k", "v"))).create();
      ConfigMap changed = client.configMaps().inNamespace(NS).withName("thawed")
          .edit(c -> new ConfigMapBuilder(c).addToData("k", "w").build());
      assertThat(changed.getData()).containsEntry("k", "w");
    }
  }

  @Nested
  class PodSpec {

    private Pod pod(String name) {
      return new PodBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
          .withNewSpec().withNodeName("node-a").withActiveDeadlineSeconds(100L)
          .addToContainers(new ContainerBuilder().withName("c").withImage("img:1").build())
          .addToTolerations(new TolerationBuilder().withKey("k").withOperator("Exists").withEffect("NoExecute")
              .withTolerationSeconds(10L).build())
          .endSpec().build();
    }

    @Test
    void otherSpecFieldsAreForbidden() {
      client.resource(pod("pod-node")).create();

      assertInvalid(() -> client.pods().inNamespace(NS).withName("pod-node")
              .edit(p -> new PodBuilder(p).editSpec().withNodeName("node-b").endSpec().build()), "spec",
          "Pod \"pod-node\" is invalid: spec: Forbidden: pod updates may not change fields other than "
              + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
              + "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` "
              + "(allow it to be set to 1 if it was previously negative)\n  spec.nodeName: \"node-a\" -> \"node-b\"");
      assertInvalid(() -> client.pods().inNamespace(NS).withName("pod-node")
              .edit(p -> new PodBuilder(p).editSpec().addNewContainer().withName("d").withImage("x").endContainer()
                  .endSpec().build()), "spec.containers",
          "Pod \"pod-node\" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers");
    }

    @Test
    void imagesALowerDeadlineAndAddedTolerationsMayChange() {
      client.resource(pod("pod-mut")).create();
      Toleration added = new TolerationBuilder().withKey("other").withOperator("Exists").build();

      Pod changed = client.pods().inNamespace(NS).withName("pod-mut").edit(p -> new PodBuilder(p).editSpec()
          .editFirstContainer().withImage("img:2").endContainer().withActiveDeadlineSeconds(50L)
          .editFirstToleration().withTolerationSeconds(20L).endToleration().addToTolerations(added).endSpec().build());

      assertThat(changed.getSpec().getContainers().get(0).getImage()).isEqualTo("img:2");
      assertThat(changed.getSpec().getActiveDeadlineSeconds()).isEqualTo(50L);
      assertThat(changed.getSpec().getTolerations()).hasSize(2);
    }

    @Test
    void theDeadlineMayOnlyGoDownAndExistingTolerationsStay() {
      client.resource(pod("pod-deadline")).create();
      var pod = client.pods().inNamespace(NS).withName("pod-deadline");

      assertInvalid(() -> pod.edit(p -> new PodBuilder(p).editSpec().withActiveDeadlineSeconds(200L).endSpec().build()),
          "spec.activeDeadlineSeconds", "Pod \"pod-deadline\" is invalid: spec.activeDeadlineSeconds: Invalid value: "
              + "200: must be less than or equal to previous value");
      assertInvalid(() -> pod.edit(p -> new PodBuilder(p).editSpec().withActiveDeadlineSeconds(null).endSpec().build()),
          "spec.activeDeadlineSeconds", "Pod \"pod-deadline\" is invalid: spec.activeDeadlineSeconds: Invalid value: "
              + "null: must not update from a positive integer to nil value");
      assertInvalid(() -> pod.edit(p -> new PodBuilder(p).editSpec().withTolerations(List.of()).endSpec().build()),
          "spec.tolerations", "Pod \"pod-deadline\" is invalid: spec.tolerations: Forbidden: existing toleration can "
              + "not be modified except its tolerationSeconds");
    }
  }

  @Nested
  class JobTemplate {

    private Job job(String name, String image, int parallelism) {
      return new JobBuilder().withNewMetadata().withName(name).withNamespace(NS).endMetadata()
          .withNewSpec().withParallelism(parallelism).withNewTemplate().withNewSpec().withRestartPolicy("Never")
          .addNewContainer().withName("c").withImage(image).endContainer().endSpec().endTemplate().endSpec().build();
    }

    @Test
    void theTemplateIsImmutable() {
      client.resource(job("job-tpl", "a", 1)).create();

      assertInvalid(() -> client.resource(job("job-tpl", "b", 1)).fieldManager("op").forceConflicts().serverSideApply(),
          "spec.template", "Job.batch \"job-tpl\" is invalid: spec.template: Invalid value: {\"spec\":{\"containers\":"
              + "[{\"image\":\"b\",\"name\":\"c\"}],\"restartPolicy\":\"Never\"}}: field is immutable");
    }

    @Test
    void parallelismMayChange() {
      client.resource(job("job-par", "a", 1)).create();
      Job changed = client.resource(job("job-par", "a", 2)).fieldManager("op").forceConflicts().serverSideApply();
      assertThat(changed.getSpec().getParallelism()).isEqualTo(2);
    }
  }

  @Nested
  class ObjectMeta {

    @Test
    void anotherUidIsAFailedPreconditionAndAMissingOneMeansTheStoredOne() {
      ConfigMap created = client.resource(Fixtures.configMap("meta-uid", Map.of())).create();
      ConfigMap other = Fixtures.configMap("meta-uid", Map.of("k", "v"));
      other.getMetadata().setUid("00000000-0000-0000-0000-000000000000");

      assertRefused(() -> client.resource(other).update(), 409, "Operation cannot be fulfilled on configmaps "
          + "\"meta-uid\": Precondition failed: UID in precondition: 00000000-0000-0000-0000-000000000000, "
          + "UID in object meta: " + created.getMetadata().getUid());
      other.getMetadata().setUid(null);
      assertThat(client.resource(other).update().getMetadata().getUid()).isEqualTo(created.getMetadata().getUid());
    }

    @Test
    void theNameIsTheUrlsAndCannotChange() {
      client.resource(Fixtures.configMap("meta-name", Map.of())).create();

      assertRefused(() -> client.configMaps().inNamespace(NS).withName("meta-name").edit(c -> new ConfigMapBuilder(c)
          .editMetadata().withName("renamed").endMetadata().build()), 400, "the name of the object (renamed) does not "
          + "match the name on the URL (meta-name)");
    }
  }
}
