package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.reconcile.restore.RestoreAction;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Map;
import java.util.Objects;

/**
 * Carries out a restore decision's writes. The hold is an annotation on the cluster written by a
 * JSON merge patch of that one key (the user's other annotations and the spec are untouched); it is
 * removed only while it still names this restore. Both are written against a fresh read of the
 * cluster with its resourceVersion as precondition, and not at all once that read shows the cluster
 * paused: the decision may have seen it before the user paused it, and a paused cluster's objects
 * are not written (the decision issues the hold or release again after the resume).
 */
final class RestoreActions {

  private final KubernetesClient client;

  RestoreActions(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  void execute(String namespace, RestoreAction action) {
    if (action instanceof RestoreAction.HoldCluster hold) {
      hold(namespace, hold);
    } else if (action instanceof RestoreAction.ReleaseCluster release) {
      release(namespace, release);
    } else if (action instanceof RestoreAction.CreatePod create) {
      createPod(namespace, create.pod());
    } else if (action instanceof RestoreAction.DeletePod delete) {
      client.pods().inNamespace(namespace).withName(delete.name()).delete();
    } else if (action instanceof RestoreAction.DeleteClaim delete) {
      client.persistentVolumeClaims().inNamespace(namespace).withName(delete.name()).delete();
    } else {
      throw new IllegalArgumentException("unknown restore action " + action);
    }
  }

  private void hold(String namespace, RestoreAction.HoldCluster hold) {
    HyperbytedbCluster cluster = freshUnpaused(namespace, hold.cluster());
    if (cluster == null) {
      return;
    }
    patchCluster(namespace, hold.cluster(), "{\"metadata\":{\"resourceVersion\":\""
        + cluster.getMetadata().getResourceVersion() + "\",\"annotations\":{\""
        + OperatorPaths.RESTORE_HOLD_ANNOTATION + "\":\"" + hold.restoreName() + "\"}}}");
  }

  private void release(String namespace, RestoreAction.ReleaseCluster release) {
    HyperbytedbCluster cluster = freshUnpaused(namespace, release.cluster());
    if (cluster == null) {
      return;
    }
    Map<String, String> annotations = cluster.getMetadata().getAnnotations();
    if (annotations == null || !release.restoreName().equals(annotations.get(OperatorPaths.RESTORE_HOLD_ANNOTATION))) {
      return; // released by hand, or taken by another restore: not ours to remove
    }
    patchCluster(namespace, release.cluster(),
        "{\"metadata\":{\"resourceVersion\":\"" + cluster.getMetadata().getResourceVersion()
            + "\",\"annotations\":{\"" + OperatorPaths.RESTORE_HOLD_ANNOTATION + "\":null}}}");
  }

  /** The cluster as the API server has it now, or null when it is gone or paused. */
  private HyperbytedbCluster freshUnpaused(String namespace, String name) {
    HyperbytedbCluster cluster = client.resources(HyperbytedbCluster.class).inNamespace(namespace).withName(name).get();
    boolean paused = cluster != null && cluster.getSpec() != null && Boolean.TRUE.equals(cluster.getSpec().getPaused());
    return paused ? null : cluster;
  }

  private void patchCluster(String namespace, String cluster, String mergePatch) {
    client.resources(HyperbytedbCluster.class).inNamespace(namespace).withName(cluster)
        .patch(PatchContext.of(PatchType.JSON_MERGE), mergePatch);
  }

  private void createPod(String namespace, Pod pod) {
    try {
      client.pods().inNamespace(namespace).resource(pod).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      // created by an earlier pass whose status write we are repeating
    }
  }
}
