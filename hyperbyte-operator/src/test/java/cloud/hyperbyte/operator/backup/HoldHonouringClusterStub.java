package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.reconcile.pod.PodReadings;
import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.ClusterSpecFactory;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.operator.queue.ReconcileResult;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.render.ClusterRenderer;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import java.util.function.Function;

/**
 * Stands in for the cluster reconciler's part in a restore, as the cluster spec defines it: the
 * rendered StatefulSet at {@link ClusterSpec#effectiveReplicas()} (zero while the restore-hold
 * annotation is set), and a status with {@code heldBy}, {@code readyReplicas} and {@code Ready}.
 * The member lifecycle (Raft re-formation) is not simulated here.
 */
final class HoldHonouringClusterStub implements Function<ResourceKey, ReconcileResult> {

  private final KubernetesClient client;

  HoldHonouringClusterStub(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public ReconcileResult apply(ResourceKey key) {
    HyperbytedbCluster cluster =
        client.resources(HyperbytedbCluster.class).inNamespace(key.namespace()).withName(key.name()).get();
    if (cluster == null) {
      return ReconcileResult.done();
    }
    ClusterSpec spec = ClusterSpecFactory.from(cluster, "cluster.local").value().orElseThrow();
    StatefulSet sts = ClusterRenderer.render(spec).get(StatefulSet.class, ClusterNames.of(spec).statefulSet());
    client.resource(sts).inNamespace(key.namespace()).fieldManager("cluster-stub").forceConflicts()
        .serverSideApply();

    long ready = client.pods().inNamespace(key.namespace()).withLabels(ClusterLabels.selector(spec.name())).list()
        .getItems().stream().filter(PodReadings::runningAndReady).count();
    boolean isReady = spec.heldBy().isEmpty() && ready == spec.replicas();
    HyperbytedbClusterStatus status = new HyperbytedbClusterStatus();
    status.setHeldBy(spec.heldBy().orElse(null));
    status.setReadyReplicas((int) ready);
    status.setConditions(List.of(new ConditionBuilder().withType("Ready").withStatus(isReady ? "True" : "False")
        .withReason(spec.heldBy().isPresent() ? "HeldByRestore" : isReady ? "AllMembersReady" : "MembersNotReady")
        .withMessage("stub").withLastTransitionTime("2026-01-01T00:00:00Z").build()));
    if (!Serialization.asJson(status).equals(Serialization.asJson(cluster.getStatus()))) {
      cluster.setStatus(status);
      client.resource(cluster).updateStatus();
    }
    return ReconcileResult.done();
  }
}
