package cloud.hyperbyte.operator.campaign;

import static cloud.hyperbyte.operator.campaign.UserIntent.CLUSTER;
import static cloud.hyperbyte.operator.campaign.UserIntent.NAMESPACE;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * "Status never says Running with a version that not every member runs", at every status the watch
 * delivers: a status written (resourceVersion S) with phase Running and current version v, and a
 * member pod that existed when it was written (created before S, still there now) whose image is
 * not v, contradict each other. The API's resourceVersions come from one counter, so they order
 * the pod's creation and the status write. Pods whose creation the checker did not see (a relist)
 * are not judged, nor are pods of departing ordinals (at or above the spec's replicas).
 */
final class RunningVersionInvariant implements AutoCloseable {

  static final String NAME = "running-means-every-member-runs-the-version";

  private final KubernetesClient observer;
  private final Trace trace;
  private final Map<String, Long> createdAt = new ConcurrentHashMap<>();
  private final SharedIndexInformer<Pod> pods;
  private final SharedIndexInformer<HyperbytedbCluster> clusters;

  RunningVersionInvariant(KubernetesClient observer, Trace trace) {
    this.observer = observer;
    this.trace = trace;
    pods = observer.pods().inNamespace(NAMESPACE).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        createdAt.putIfAbsent(pod.getMetadata().getUid(), Long.parseLong(pod.getMetadata().getResourceVersion()));
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        onAdd(pod);
      }

      @Override
      public void onDelete(Pod pod, boolean finalStateUnknown) {
      }
    });
    clusters = observer.resources(HyperbytedbCluster.class).inNamespace(NAMESPACE).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(HyperbytedbCluster cluster) {
        check(cluster);
      }

      @Override
      public void onUpdate(HyperbytedbCluster old, HyperbytedbCluster cluster) {
        check(cluster);
      }

      @Override
      public void onDelete(HyperbytedbCluster cluster, boolean finalStateUnknown) {
      }
    });
  }

  private void check(HyperbytedbCluster cluster) {
    if (cluster.getStatus() == null) {
      return;
    }
    String phase = cluster.getStatus().getPhase();
    String version = cluster.getStatus().getCurrentVersion();
    trace.log("status " + phase + " " + version + " ready " + cluster.getStatus().getReadyReplicas() + "/"
        + cluster.getStatus().getReplicas() + " generation " + cluster.getStatus().getObservedGeneration() + "/"
        + cluster.getMetadata().getGeneration());
    if (!"Running".equals(phase) || version == null) {
      return;
    }
    trace.checked(NAME);
    long written = Long.parseLong(cluster.getMetadata().getResourceVersion());
    List<Pod> now;
    try {
      now = observer.pods().inNamespace(NAMESPACE).list().getItems();
    } catch (KubernetesClientException e) { // only when the run is being torn down: the observer is never faulted
      trace.log("could not list pods: " + e.getMessage());
      return;
    }
    for (Pod pod : now) {
      String name = pod.getMetadata().getName();
      Long created = createdAt.get(pod.getMetadata().getUid());
      if (!name.matches(CLUSTER + "-\\d+") || created == null || created > written
          || Integer.parseInt(name.substring(CLUSTER.length() + 1)) >= cluster.getSpec().getReplicas()) {
        continue;
      }
      String image = pod.getSpec().getContainers().get(0).getImage();
      if (!image.endsWith(":" + version)) {
        trace.violated(NAME, "status (resourceVersion " + written + ") says Running at " + version + " while " + name
            + " (created at " + created + ") runs " + image);
      }
    }
  }

  @Override
  public void close() {
    pods.close();
    clusters.close();
  }
}
