package cloud.hyperbyte.operator.kube;

import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.reconcile.apply.ObjectRef;
import cloud.hyperbyte.reconcile.apply.ObjectWriter;
import cloud.hyperbyte.render.UnmodelledObject;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

/**
 * The apply port on fabric8: real server-side apply ({@code application/apply-patch+yaml}, forced,
 * one field manager) and deletes with a UID precondition. One writer serves the reconcile of one
 * custom resource: each write is counted, and its resourceVersion (or the deleted UID) is recorded
 * in {@link OwnWrites} under that resource.
 */
public final class FabricObjectWriter implements ObjectWriter {

  private final KubernetesClient client;
  private final OwnWrites ownWrites;
  private final OperatorMetrics metrics;
  private final ResourceKey owner;

  public FabricObjectWriter(KubernetesClient client, OwnWrites ownWrites, OperatorMetrics metrics, ResourceKey owner) {
    this.client = client;
    this.ownWrites = ownWrites;
    this.metrics = metrics;
    this.owner = owner;
  }

  @Override
  public void apply(HasMetadata object, String fieldManager) {
    ObjectRef ref = ObjectRef.of(object);
    // the cache strips managedFields; an apply body must not carry them either
    object.getMetadata().setManagedFields(null);
    HasMetadata applied;
    if (object instanceof GenericKubernetesResource || object instanceof UnmodelledObject) {
      GenericKinds kind = GenericKinds.of(ref.groupKind().group(), ref.kind())
          .orElseThrow(() -> new IllegalArgumentException("no generic kind for " + ref.groupKind()));
      applied = client.genericKubernetesResources(kind.context()).inNamespace(ref.namespace()).resource(generic(object))
          .fieldManager(fieldManager).forceConflicts().serverSideApply();
    } else {
      applied = client.resource(object).inNamespace(ref.namespace())
          .fieldManager(fieldManager).forceConflicts().serverSideApply();
    }
    metrics.apiWrite("apply", ref.kind());
    ownWrites.written(owner, ref, applied == null ? null : applied.getMetadata().getResourceVersion());
  }

  /**
   * The generic resource fabric8 applies for an object of a kind it has no model for. Only the spec
   * is applied: the kinds applied generically ({@link GenericKinds}) have no other field of their own
   * at the top level, and a status an object was read back with belongs to its controller.
   */
  private static GenericKubernetesResource generic(HasMetadata object) {
    if (object instanceof UnmodelledObject unmodelled) {
      return new GenericKubernetesResourceBuilder()
          .withApiVersion(unmodelled.getApiVersion())
          .withKind(unmodelled.getKind())
          .withMetadata(unmodelled.getMetadata())
          .addToAdditionalProperties("spec", unmodelled.getSpec())
          .build();
    }
    return (GenericKubernetesResource) object;
  }

  /**
   * Switches a StatefulSet that still has a {@code rollingUpdate} section (a partition applied by an
   * earlier operator version) to {@code OnDelete}. The API server refuses {@code rollingUpdate} with
   * {@code OnDelete}, and an apply that merely stops sending the partition may leave an empty
   * {@code rollingUpdate: {}} behind (structured-merge-diff keeps emptied structs in some releases),
   * so a JSON merge patch removes the section explicitly. The pod template is untouched: no restart.
   */
  public void switchToOnDelete(StatefulSet live) {
    ObjectRef ref = ObjectRef.of(live);
    StatefulSet patched = client.apps().statefulSets().inNamespace(ref.namespace()).withName(ref.name())
        .patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"updateStrategy\":{\"type\":\"OnDelete\",\"rollingUpdate\":null}}}");
    metrics.apiWrite("patch", ref.kind());
    ownWrites.written(owner, ref, patched == null ? null : patched.getMetadata().getResourceVersion());
  }

  @Override
  public void delete(ObjectRef ref, String uid) {
    UidDelete.Result result = UidDelete.delete(client, ref, uid);
    metrics.apiWrite("delete", ref.kind());
    if (result == UidDelete.Result.DELETED) {
      ownWrites.deleted(owner, ref, uid);
    }
  }
}
