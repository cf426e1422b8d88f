package cloud.hyperbyte.reconcile.port;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;

/**
 * The Kubernetes writes the lifecycle makes beyond server-side apply of rendered objects. The
 * StatefulSet's replicas and partition are not here: they travel through apply. Implementations
 * (fabric8 in hyperbyte-operator, the simulated API server in hyperbyte-testkit) throw
 * {@link KubernetesWriteException} when the API server refuses.
 */
public interface ClusterWrites {

  /**
   * Deletes a member pod, with a UID precondition so that a pod already replaced by the StatefulSet
   * controller is never deleted by a stale decision. A pod that is already gone is not an error.
   */
  void deletePod(ClusterRef cluster, String podName, String podUid) throws KubernetesWriteException;

  /** Deletes a member's data PVC; an absent PVC is not an error. */
  void deletePvc(ClusterRef cluster, String pvcName) throws KubernetesWriteException;

  /**
   * Sets a member PVC's {@code spec.resources.requests.storage} to {@code size}. The API server refuses
   * a smaller size (422) and growth of a claim whose StorageClass does not allow expansion (403).
   */
  void resizePvc(ClusterRef cluster, String pvcName, String size) throws KubernetesWriteException;

  /**
   * Deletes the StatefulSet with {@code propagationPolicy: Orphan} and a UID precondition: its pods
   * and PVCs stay. A StatefulSet already gone, or replaced by one with another UID, is not an error.
   */
  void deleteStatefulSetOrphaningPods(ClusterRef cluster, String name, String uid) throws KubernetesWriteException;

  /**
   * Replaces the status subresource. {@code resourceVersion} is the one the status was computed
   * from; a conflict means the decision was made on stale data and the pass is retried.
   */
  void patchStatus(ClusterRef cluster, HyperbytedbClusterStatus status, String resourceVersion)
      throws KubernetesWriteException;

  /** Records an Event on the HyperbytedbCluster. Failures are not reported: events are best effort. */
  void recordEvent(ClusterRef cluster, ClusterEvent event);
}
