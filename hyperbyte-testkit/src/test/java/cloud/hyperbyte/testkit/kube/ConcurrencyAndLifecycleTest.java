package cloud.hyperbyte.testkit.kube;

import static cloud.hyperbyte.testkit.kube.Fixtures.NS;
import static cloud.hyperbyte.testkit.kube.Refusals.assertInvalid;
import static cloud.hyperbyte.testkit.kube.Refusals.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Optimistic concurrency, field ownership of non-apply writers, deletion with finalizers and
 * generation, as a real API server handles them (issue 12, item 4).
 */
class ConcurrencyAndLifecycleTest {

  static final Instant NOW = Instant.parse("2026-08-01T10:00:00Z");
  static SimulatedKubernetes kube;
  static KubernetesClient client;

  @BeforeAll
  static void start() {
    kube = SimulatedKubernetes.start(Clock.fixed(NOW, ZoneOffset.UTC), 0L);
    client = kube.client();
  }

  @AfterAll
  static void stop() {
    kube.close();
  }

  @Nested
  class StaleResourceVersions {

    @Test
    void aStaleStatusUpdateIsAConflictLikeAStaleMainUpdate() {
      StatefulSet created = client.resource(Fixtures.statefulSet("stale", 1)).create();
      client.apps().statefulSets().inNamespace(NS).withName("stale")
          .edit(s -> new StatefulSetBuilder(s).editSpec().withReplicas(2).endSpec().build());
      String conflict = "Operation cannot be fulfilled on statefulsets.apps \"stale\": the object has been modified; "
          + "please apply your changes to the latest version and try again";

      created.setStatus(new StatefulSetStatusBuilder().withReplicas(1).build());
      assertRefused(() -> client.resource(created).updateStatus(), 409, conflict);
      created.getSpec().setReplicas(3);
      assertRefused(() -> client.resource(created).update(), 409, "Operation cannot be fulfilled on");

      StatefulSet fresh = client.apps().statefulSets().inNamespace(NS).withName("stale").get();
      fresh.setStatus(new StatefulSetStatusBuilder().withReplicas(1).build());
      assertThat(client.resource(fresh).updateStatus().getStatus().getReplicas()).isEqualTo(1);
    }

    @Test
    void aCustomResourcesStaleStatusUpdateIsAConflict() {
      HyperbytedbCluster created = client.resource(Fixtures.cluster("stale-cr", 1)).create();
      HyperbytedbClusterStatus first = new HyperbytedbClusterStatus();
      first.setPhase("Creating");
      HyperbytedbCluster read = client.resources(HyperbytedbCluster.class).inNamespace(NS).withName("stale-cr").get();
      read.setStatus(first);
      client.resource(read).updateStatus();

      HyperbytedbClusterStatus late = new HyperbytedbClusterStatus();
      late.setPhase("Running");
      created.setStatus(late);
      assertRefused(() -> client.resource(created).updateStatus(), 409,
          "Operation cannot be fulfilled on hyperbytedbclusters.hyperbytedb.hyperbyte.cloud \"stale-cr\": the "
          + "object has been modified; please apply your changes to the latest version and try again");
    }
  }

  @Nested
  class Finalizers {

    private ConfigMap withFinalizer(String name) {
      return client.resource(new ConfigMapBuilder(Fixtures.configMap(name, Map.of())).editMetadata()
          .withFinalizers("example.com/hold").endMetadata().build()).create();
    }

    @Test
    void deletionIsHeldWithATimestampAndZeroGraceUntilTheLastFinalizerGoes() {
      withFinalizer("held");
      var held = client.configMaps().inNamespace(NS).withName("held");

      held.delete();
      ConfigMap marked = held.get();
      assertThat(marked.getMetadata().getDeletionTimestamp()).isEqualTo(NOW.toString());
      assertThat(marked.getMetadata().getDeletionGracePeriodSeconds()).isZero();
      held.delete();
      assertThat(held.get().getMetadata().getResourceVersion()).as("a second delete changes nothing")
          .isEqualTo(marked.getMetadata().getResourceVersion());

      held.edit(c -> new ConfigMapBuilder(c).editMetadata().withFinalizers(List.of()).endMetadata().build());
      assertThat(held.get()).isNull();
    }

    @Test
    void noFinalizerCanBeAddedToAnObjectBeingDeleted() {
      withFinalizer("closing");
      var closing = client.configMaps().inNamespace(NS).withName("closing");
      closing.delete();

      assertInvalid(() -> closing.edit(c -> new ConfigMapBuilder(c).editMetadata().addToFinalizers("example.com/late")
              .endMetadata().build()), "metadata.finalizers",
          "ConfigMap \"closing\" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the "
              + "object is being deleted, found new finalizers []string{\"example.com/late\"}");
      assertThat(closing.edit(c -> new ConfigMapBuilder(c).editMetadata().withDeletionTimestamp(null)
          .addToLabels("still", "editable").endMetadata().build()).getMetadata().getDeletionTimestamp())
          .as("an update cannot remove the deletion timestamp").isEqualTo(NOW.toString());
    }

    @Test
    void aDeleteWhoseUidPreconditionNoLongerMatchesIsAConflict() {
      client.resource(Fixtures.configMap("replaced", Map.of())).create();
      String body = Serialization.asJson(new DeleteOptionsBuilder().withNewPreconditions().withUid("old-uid")
          .endPreconditions().build());

      assertRefused(() -> client.raw(kube.server().url("/api/v1/namespaces/test/configmaps/replaced"), "DELETE", body),
          409, "Operation cannot be fulfilled on configmaps \"replaced\": Precondition failed: UID in precondition: "
              + "old-uid, UID in object meta: ");
      assertThat(client.configMaps().inNamespace(NS).withName("replaced").get()).isNotNull();
    }
  }

  @Nested
  class Generation {

    @Test
    void configMapsHaveNone() {
      client.resource(Fixtures.configMap("no-gen", Map.of("k", "v"))).create();
      ConfigMap changed = client.configMaps().inNamespace(NS).withName("no-gen")
          .edit(c -> new ConfigMapBuilder(c).addToData("k", "w").build());

      assertThat(changed.getMetadata().getGeneration()).isNull();
      assertThat(client.configMaps().inNamespace(NS).withName("no-gen").get().getMetadata().getGeneration()).isNull();
    }

    @Test
    void aStatefulSetsMovesOnSpecChangesOnly() {
      assertThat(client.resource(Fixtures.statefulSet("gen-sts", 1)).create().getMetadata().getGeneration()).isEqualTo(1L);
      var sts = client.apps().statefulSets().inNamespace(NS).withName("gen-sts");

      sts.edit(s -> new StatefulSetBuilder(s).editMetadata().addToLabels("l", "v").endMetadata().build());
      StatefulSet withStatus = sts.get();
      withStatus.setStatus(new StatefulSetStatusBuilder().withReplicas(1).build());
      client.resource(withStatus).updateStatus();
      assertThat(sts.get().getMetadata().getGeneration()).isEqualTo(1L);

      sts.edit(s -> new StatefulSetBuilder(s).editSpec().withReplicas(2).endSpec().build());
      assertThat(sts.get().getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void aDeploymentsAlsoMovesOnAnnotationChanges() {
      client.resource(new DeploymentBuilder().withNewMetadata().withName("gen-dep").withNamespace(NS).endMetadata()
          .withNewSpec().withNewSelector().addToMatchLabels("app", "d").endSelector().withNewTemplate().withNewMetadata()
          .addToLabels("app", "d").endMetadata().withNewSpec().addNewContainer().withName("c").withImage("i")
          .endContainer().endSpec().endTemplate().endSpec().build()).create();
      var deployment = client.apps().deployments().inNamespace(NS).withName("gen-dep");

      deployment.edit(d -> new DeploymentBuilder(d).editMetadata().addToAnnotations("a", "b").endMetadata().build());

      assertThat(deployment.get().getMetadata().getGeneration()).isEqualTo(2L);
    }
  }

  @Nested
  class UpdateManagers {

    private ConfigMap appliedBy(String manager, String value, boolean force) {
      var resource = client.resource(Fixtures.configMap("owned", Map.of("k", value))).fieldManager(manager);
      return force ? resource.forceConflicts().serverSideApply() : resource.serverSideApply();
    }

    @Test
    void anEditOwnsTheFieldsItChangedSoAnApplyOfThemConflictsUnlessForced() {
      appliedBy("op", "1", false);
      client.configMaps().inNamespace(NS).withName("owned").patch(new PatchContext.Builder()
          .withPatchType(PatchType.JSON_MERGE).withFieldManager("kubectl-edit").build(), "{\"data\":{\"k\":\"2\"}}");

      ConfigMap edited = client.configMaps().inNamespace(NS).withName("owned").get();
      assertThat(edited.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager,
          ManagedFieldsEntry::getOperation).containsExactly(
              org.assertj.core.groups.Tuple.tuple("kubectl-edit", "Update"));
      assertRefused(() -> appliedBy("op", "1", false), 409,
          "Apply failed with 1 conflict: conflict with \"kubectl-edit\" using v1: .data.k");

      ConfigMap forced = appliedBy("op", "1", true);
      assertThat(forced.getData()).containsEntry("k", "1");
      assertThat(forced.getMetadata().getManagedFields()).extracting(ManagedFieldsEntry::getManager).containsExactly("op");
    }

    @Test
    void aWriterWithoutFieldManagerIsNamedByItsUserAgent() {
      client.resource(Fixtures.configMap("by-agent", Map.of("k", "v"))).create();

      assertThat(client.configMaps().inNamespace(NS).withName("by-agent").get().getMetadata().getManagedFields())
          .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("fabric8-kubernetes-client", "Update"));
    }
  }
}
