package cloud.hyperbyte.reconcile.plan;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.reconcile.decision.ClusterLifecycle;
import cloud.hyperbyte.reconcile.decision.ClusterModeTransition;
import cloud.hyperbyte.reconcile.decision.LifecyclePlan;
import cloud.hyperbyte.reconcile.decision.ProxyImageHold;
import cloud.hyperbyte.reconcile.snapshot.ImmutableObservedCluster;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.reconcile.storage.StorageGrowthDecision;
import cloud.hyperbyte.reconcile.storage.StoragePlan;
import cloud.hyperbyte.render.ClusterRenderer;
import cloud.hyperbyte.render.RenderOptions;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The decisions of one reconcile pass over one snapshot: the spec as this pass renders it (cluster
 * mode and the proxy image held while members change), the storage plan, the lifecycle plan, and the
 * objects to apply. Pure. The operator runs it on every pass; {@code hyperbyte plan} runs it on each
 * projected pass, so the two cannot disagree about what a pass does.
 *
 * @param observed the snapshot, rendered as this pass renders it
 * @param storage volume growth's steps and its say on the StatefulSet
 * @param lifecycle the lifecycle's actions, StatefulSet shape and memory, storage steps merged in
 */
public record ReconcilePass(ObservedCluster observed, StoragePlan storage, LifecyclePlan lifecycle) {

  public ReconcilePass {
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(lifecycle, "lifecycle");
  }

  /**
   * Decides one pass over {@code observed} (rendered from its spec with {@code options}). The spec
   * rendered is the observed one, except that a pass that changes cluster mode or holds the proxy's
   * image renders the adjusted spec, so the apply and the lifecycle agree on the replicas.
   */
  public static ReconcilePass decide(ObservedCluster observed, RenderOptions options, ClusterLifecycle lifecycle) {
    return decide(observed, observed.spec(), options, lifecycle);
  }

  /**
   * Decides one pass over {@code observed}, whose objects were rendered from {@code base}: the spec
   * as the operator renders it before this pass's adjustments (the observed one, or one that keeps
   * auth off until the admin user exists).
   */
  public static ReconcilePass decide(ObservedCluster observed, ClusterSpec base, RenderOptions options,
      ClusterLifecycle lifecycle) {
    ClusterSpec toRender = ProxyImageHold.specToRender(
        ClusterModeTransition.specToRender(base, observed.statefulSetReplicas()), observed);
    ObservedCluster rendered = toRender == base ? observed
        : ImmutableObservedCluster.copyOf(observed).withRendered(ClusterRenderer.render(toRender, options));
    // volume growth adds its steps after the lifecycle's and decides how the StatefulSet may be written
    StoragePlan storage = StorageGrowthDecision.decide(rendered);
    return new ReconcilePass(rendered, storage, storage.mergeInto(lifecycle.plan(rendered)));
  }

  /**
   * The objects this pass applies: the rendered ones, the StatefulSet in the lifecycle's shape and
   * with the storage plan's claim size (or left out when the storage plan does not let it be
   * written), and none for which {@code skip} holds (kinds whose CRD is not installed, objects an
   * adoption replaces first). Empty when
   * the lifecycle writes no workloads (paused).
   */
  public List<HasMetadata> desired(Predicate<HasMetadata> skip) {
    if (!lifecycle.writesWorkloads()) {
      return List.of();
    }
    List<HasMetadata> objects = new ArrayList<>();
    for (HasMetadata object : observed.rendered().objects()) {
      if (skip.test(object)) {
        continue;
      }
      if (object instanceof StatefulSet statefulSet) {
        storage.adjust(lifecycle.statefulSetShape().get().applyTo(statefulSet)).ifPresent(objects::add);
      } else {
        objects.add(object);
      }
    }
    return objects;
  }
}
