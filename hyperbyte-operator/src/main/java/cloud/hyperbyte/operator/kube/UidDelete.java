package cloud.hyperbyte.operator.kube;

import cloud.hyperbyte.reconcile.apply.ObjectRef;
import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DELETE with {@code preconditions.uid}: the API server refuses (409) when the name now belongs to a
 * different object, e.g. a pod the StatefulSet controller already recreated. fabric8's DSL has no
 * UID precondition, so the request is sent raw through the client (same auth and TLS).
 */
final class UidDelete {

  private static final Logger LOG = LoggerFactory.getLogger(UidDelete.class);

  /** What the server did. */
  enum Result {
    DELETED,
    ALREADY_GONE,
    REPLACED_BY_ANOTHER_OBJECT
  }

  private UidDelete() {}

  static Result delete(KubernetesClient client, ObjectRef ref, String uid) {
    return delete(client, ref, uid, "Background");
  }

  /** As {@link #delete(KubernetesClient, ObjectRef, String)} with a propagation policy, e.g. {@code Orphan}. */
  static Result delete(KubernetesClient client, ObjectRef ref, String uid, String propagationPolicy) {
    DeleteOptionsBuilder options = new DeleteOptionsBuilder().withPropagationPolicy(propagationPolicy);
    if (uid != null && !uid.isEmpty()) {
      options.withNewPreconditions().withUid(uid).endPreconditions();
    }
    DeleteOptions body = options.build();
    String url = URI.create(client.getMasterUrl().toString()).resolve(ApiPath.of(ref)).toString();
    try {
      String answer = client.raw(url, "DELETE", Serialization.asJson(body));
      return answer == null ? Result.ALREADY_GONE : Result.DELETED;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return Result.ALREADY_GONE;
      }
      if (e.getCode() == 409) {
        LOG.info("not deleting {}: its UID is no longer {} (replaced meanwhile)", ref, uid);
        return Result.REPLACED_BY_ANOTHER_OBJECT;
      }
      throw e;
    }
  }
}
