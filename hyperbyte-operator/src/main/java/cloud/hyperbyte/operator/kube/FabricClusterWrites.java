package cloud.hyperbyte.operator.kube;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.reconcile.apply.ObjectRef;
import cloud.hyperbyte.reconcile.port.ClusterEvent;
import cloud.hyperbyte.reconcile.port.ClusterRef;
import cloud.hyperbyte.reconcile.port.ClusterWrites;
import cloud.hyperbyte.reconcile.port.KubernetesWriteException;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle's Kubernetes writes on fabric8: member pod and PVC deletes (recorded in {@link
 * OwnWrites}), status replacement with optimistic locking, and core/v1 Events on the cluster.
 */
public final class FabricClusterWrites implements ClusterWrites {

  private static final Logger LOG = LoggerFactory.getLogger(FabricClusterWrites.class);

  private final KubernetesClient client;
  private final OwnWrites ownWrites;
  private final OperatorMetrics metrics;
  private final Function<ClusterRef, Optional<String>> clusterUid;
  private final Clock clock;
  private final EventRecorder events;

  /**
   * @param clusterUid the UID of a cluster from the cache, so Events reference the exact object
   * @param events records Events, counting repeats on the Event recorded before (outlives a pass)
   */
  public FabricClusterWrites(
      KubernetesClient client, OwnWrites ownWrites, OperatorMetrics metrics,
      Function<ClusterRef, Optional<String>> clusterUid, Clock clock, EventRecorder events) {
    this.client = client;
    this.events = events;
    this.ownWrites = ownWrites;
    this.metrics = metrics;
    this.clusterUid = clusterUid;
    this.clock = clock;
  }

  @Override
  public void deletePod(ClusterRef cluster, String podName, String podUid) throws KubernetesWriteException {
    delete(cluster, new ObjectRef("v1", "Pod", cluster.namespace(), podName), podUid);
  }

  @Override
  public void deletePvc(ClusterRef cluster, String pvcName) throws KubernetesWriteException {
    delete(cluster, new ObjectRef("v1", "PersistentVolumeClaim", cluster.namespace(), pvcName), null);
  }

  @Override
  public void resizePvc(ClusterRef cluster, String pvcName, String size) throws KubernetesWriteException {
    // a merge patch of the one field: the claim's other fields are immutable and stay as they are
    String patch = "{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"" + size + "\"}}}}";
    try {
      client.persistentVolumeClaims().inNamespace(cluster.namespace()).withName(pvcName)
          .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
      metrics.apiWrite("patch", "PersistentVolumeClaim");
    } catch (KubernetesClientException e) {
      throw new KubernetesWriteException(e.getCode(), "resizing PVC " + pvcName + " to " + size + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void deleteStatefulSetOrphaningPods(ClusterRef cluster, String name, String uid)
      throws KubernetesWriteException {
    delete(cluster, new ObjectRef("apps/v1", "StatefulSet", cluster.namespace(), name), uid, "Orphan");
  }

  /** Deletes the Secret {@code name} if it still has {@code uid}. */
  public void deleteSecret(ClusterRef cluster, String name, String uid) throws KubernetesWriteException {
    delete(cluster, new ObjectRef("v1", "Secret", cluster.namespace(), name), uid);
  }

  private void delete(ClusterRef cluster, ObjectRef ref, String uid) throws KubernetesWriteException {
    delete(cluster, ref, uid, "Background");
  }

  private void delete(ClusterRef cluster, ObjectRef ref, String uid, String propagation)
      throws KubernetesWriteException {
    try {
      UidDelete.Result result = UidDelete.delete(client, ref, uid, propagation);
      metrics.apiWrite("delete", ref.kind());
      if (result == UidDelete.Result.DELETED && uid != null) {
        ownWrites.deleted(key(cluster), ref, uid);
      }
    } catch (KubernetesClientException e) {
      throw new KubernetesWriteException(e.getCode(), "deleting " + ref + ": " + e.getMessage(), e);
    }
  }

  /**
   * Removes {@code finalizer} from the cluster with a JSON patch that first tests it is still at the
   * index it had in {@code finalizers} (the cluster as read), so a concurrent change of the list makes
   * the patch fail (422) instead of removing another finalizer.
   */
  public void removeFinalizer(ClusterRef cluster, List<String> finalizers, String finalizer)
      throws KubernetesWriteException {
    int index = finalizers.indexOf(finalizer);
    if (index < 0) {
      return;
    }
    String quoted = "\"" + finalizer + "\"";
    String patch = "[{\"op\":\"test\",\"path\":\"/metadata/finalizers/" + index + "\",\"value\":" + quoted + "},"
        + "{\"op\":\"remove\",\"path\":\"/metadata/finalizers/" + index + "\"}]";
    try {
      HyperbytedbCluster updated = client.resources(HyperbytedbCluster.class).inNamespace(cluster.namespace())
          .withName(cluster.name()).patch(PatchContext.of(PatchType.JSON), patch);
      metrics.apiWrite("patch", HyperbytedbCluster.KIND);
      ownWrites.written(key(cluster),
          new ObjectRef(HyperbytedbCluster.API_VERSION, HyperbytedbCluster.KIND, cluster.namespace(), cluster.name()),
          updated == null ? null : updated.getMetadata().getResourceVersion());
    } catch (KubernetesClientException e) {
      throw new KubernetesWriteException(e.getCode(), "removing finalizer " + finalizer + " from " + cluster.name()
          + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void patchStatus(ClusterRef cluster, HyperbytedbClusterStatus status, String resourceVersion)
      throws KubernetesWriteException {
    HyperbytedbCluster body = new HyperbytedbCluster();
    body.setMetadata(new ObjectMetaBuilder()
        .withName(cluster.name()).withNamespace(cluster.namespace()).withResourceVersion(resourceVersion).build());
    body.setStatus(status);
    try {
      HyperbytedbCluster updated = client.resources(HyperbytedbCluster.class)
          .inNamespace(cluster.namespace()).resource(body).updateStatus();
      metrics.apiWrite("update-status", HyperbytedbCluster.KIND);
      ownWrites.written(key(cluster),
          new ObjectRef(HyperbytedbCluster.API_VERSION, HyperbytedbCluster.KIND, cluster.namespace(), cluster.name()),
          updated == null ? null : updated.getMetadata().getResourceVersion());
    } catch (KubernetesClientException e) {
      throw new KubernetesWriteException(e.getCode(), "writing the status of " + cluster.name() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void recordEvent(ClusterRef cluster, ClusterEvent event) {
    ObjectReference involved = new ObjectReferenceBuilder()
        .withApiVersion(HyperbytedbCluster.API_VERSION)
        .withKind(HyperbytedbCluster.KIND)
        .withNamespace(cluster.namespace())
        .withName(cluster.name())
        .withUid(clusterUid.apply(cluster).orElse(null))
        .build();
    Event body = CoreEvents.of(involved, event.type().wireValue(), event.reason(),
        event.podName().map(pod -> pod + ": ").orElse("") + event.message(), clock.instant());
    try {
      EventRecorder.Write write = events.record(body, clock.instant());
      metrics.apiWrite(write == EventRecorder.Write.CREATED ? "create" : "patch", "Event");
    } catch (KubernetesClientException e) {
      LOG.warn("could not record event {} on {}/{}: {}", event.reason(), cluster.namespace(), cluster.name(),
          e.getMessage().toLowerCase(Locale.ROOT));
    }
  }

  private static ResourceKey key(ClusterRef cluster) {
    return ResourceKey.cluster(cluster.namespace(), cluster.name());
  }
}
