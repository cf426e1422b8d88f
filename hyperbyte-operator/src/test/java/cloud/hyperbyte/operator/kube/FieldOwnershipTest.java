package cloud.hyperbyte.operator.kube;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterSpec;
import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.reconcile.apply.ApplyPlan;
import cloud.hyperbyte.reconcile.apply.ApplyPlanner;
import cloud.hyperbyte.reconcile.apply.FieldManager;
import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the operator's applies do to fields other writers own, on a server that records non-apply
 * writers as {@code Update} managers (as a real one does): a field the operator renders is taken back
 * from a {@code kubectl edit} (applies force), a field only the other writer set stays theirs, and
 * the HorizontalPodAutoscaler's {@code spec.replicas} on the cluster is never applied, so the two
 * never take turns.
 */
class FieldOwnershipTest {

  private final SimulatedKubernetes kube = SimulatedKubernetes.start();
  private final KubernetesClient client = kube.client();
  private final FabricObjectWriter writer = new FabricObjectWriter(client, new OwnWrites(),
      OperatorMetrics.standalone(), ResourceKey.cluster("prod", "db"));

  @AfterEach
  void stop() {
    kube.close();
  }

  private static StatefulSet rendered(int replicas) {
    return new StatefulSetBuilder().withNewMetadata().withName("db").withNamespace("prod").endMetadata()
        .withNewSpec().withReplicas(replicas).withServiceName("db-headless")
        .withNewSelector().addToMatchLabels("app", "db").endSelector()
        .withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata()
        .withNewSpec().addNewContainer().withName("db").withImage("hyperbytedb:0.8.5").endContainer().endSpec()
        .endTemplate().endSpec().build();
  }

  private static PatchContext mergePatchBy(String manager) {
    return new PatchContext.Builder().withPatchType(PatchType.JSON_MERGE).withFieldManager(manager).build();
  }

  private static List<String> ownersOf(List<ManagedFieldsEntry> entries, String field) {
    return entries.stream().filter(e -> e.getFieldsV1().getAdditionalProperties().toString().contains(field))
        .map(ManagedFieldsEntry::getManager).toList();
  }

  @Test
  void aKubectlEditOfARenderedFieldIsTakenBackAndTheEditorsOwnFieldsStay() {
    writer.apply(rendered(3), FieldManager.NAME);
    client.apps().statefulSets().inNamespace("prod").withName("db").patch(mergePatchBy("kubectl-edit"),
        "{\"metadata\":{\"annotations\":{\"note\":\"on call\"}},\"spec\":{\"replicas\":5}}");

    writer.apply(rendered(3), FieldManager.NAME);

    StatefulSet live = client.apps().statefulSets().inNamespace("prod").withName("db").get();
    assertThat(live.getSpec().getReplicas()).isEqualTo(3);
    assertThat(live.getMetadata().getAnnotations()).containsEntry("note", "on call");
    assertThat(ownersOf(live.getMetadata().getManagedFields(), "f:replicas")).containsExactly(FieldManager.NAME);
    assertThat(ownersOf(live.getMetadata().getManagedFields(), "f:note")).containsExactly("kubectl-edit");
  }

  @Test
  void theAutoscalersReplicasOnTheClusterAreNeverApplied() {
    HyperbytedbCluster cluster = new HyperbytedbCluster();
    cluster.setMetadata(new ObjectMetaBuilder().withName("db").withNamespace("prod").build());
    HyperbytedbClusterSpec spec = new HyperbytedbClusterSpec();
    spec.setReplicas(3);
    cluster.setSpec(spec);
    client.resource(cluster).create();
    // the HPA writes spec.replicas through /scale (ScaleSubresourceE2eTest); an Update of the field owns it alike
    client.resources(HyperbytedbCluster.class).inNamespace("prod").withName("db")
        .patch(mergePatchBy("horizontal-pod-autoscaler"), "{\"spec\":{\"replicas\":5}}");
    HyperbytedbCluster live = client.resources(HyperbytedbCluster.class).inNamespace("prod").withName("db").get();

    ApplyPlan plan = ApplyPlanner.withDefaults().plan(live.getMetadata().getUid(), List.of(cluster), List.of(live));
    assertThat(plan.applies()).hasSize(1);
    writer.apply(plan.applies().get(0).object(), FieldManager.NAME);

    HyperbytedbCluster after = client.resources(HyperbytedbCluster.class).inNamespace("prod").withName("db").get();
    assertThat(after.getSpec().getReplicas()).isEqualTo(5);
    assertThat(ownersOf(after.getMetadata().getManagedFields(), "f:replicas")).containsExactly("horizontal-pod-autoscaler");
  }
}
