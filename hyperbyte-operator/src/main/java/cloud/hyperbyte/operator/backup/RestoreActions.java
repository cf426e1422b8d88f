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
 * removed only while it still names this restore, with the resourceVersion read as precondition.
 */
final class RestoreActions {

  private final KubernetesClient client;

  RestoreActions(KubernetesClient client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  void execute(String namespace, RestoreAction action) {
    if (action instanceof RestoreAction.HoldCluster hold) {
      patchCluster(namespace, hold.cluster(), "{\"metadata\":{\"annotations\":{\""
          + OperatorPaths.RESTORE_HOLD_ANNOTATION + "\":\"" + hold.restoreName() + "\"}}}");
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

  private void release(String namespace, RestoreAction.ReleaseCluster release) {
    HyperbytedbCluster cluster =
        client.resources(HyperbytedbCluster.class).inNamespace(namespace).withName(release.cluster()).get();
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
