package cloud.hyperbyte.reconcile.plan;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.reconcile.adoption.AdoptionDecision;
import cloud.hyperbyte.reconcile.adoption.AdoptionInput;
import cloud.hyperbyte.reconcile.adoption.AdoptionPlan;
import cloud.hyperbyte.reconcile.decision.LifecycleMemory;
import cloud.hyperbyte.reconcile.decision.ClusterLifecycle;
import cloud.hyperbyte.reconcile.decision.ClusterModeTransition;
import cloud.hyperbyte.reconcile.decision.LifecyclePlan;
import cloud.hyperbyte.reconcile.decision.ProxyImageHold;
import cloud.hyperbyte.reconcile.decision.PauseDecision;
import cloud.hyperbyte.reconcile.seed.SeedDecision;
import cloud.hyperbyte.reconcile.seed.SeedObjects;
import cloud.hyperbyte.reconcile.seed.SeedObserver;
import cloud.hyperbyte.reconcile.seed.SeedPlan;
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
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The decisions of one reconcile pass over one snapshot: the seeding of new members (which bounds
 * how far the StatefulSet grows), the spec as this pass renders it (cluster mode and the proxy image
 * held while members change), the storage plan, the lifecycle plan, the adoption of objects the Go
 * operator made, and the objects to apply. Pure. The operator runs it on
 * every pass; {@code hyperbyte plan} runs it on each projected pass, so the two cannot disagree about
 * what a pass does.
 *
 * <p>The order a pass carries out its parts in (the operator's, and the plan's projection of it): a
 * pass that {@link #releasesGoFinalizer() releases the Go finalizer} does only that; otherwise the
 * Secrets are written (each of {@link AdoptionPlan#replaceSecrets()} deleted right before), then the
 * {@link #desired desired objects} are applied and the {@link #prunable prunable ones} pruned, then
 * the lifecycle's actions run (a StatefulSet replacement among them). The seeding's writes that end
 * what is spent ({@link SeedPlan#beforeStatefulSet()}) come before the Secrets, its creates and marks
 * ({@link SeedPlan#afterStatefulSet()}) after the lifecycle's actions.
 *
 * @param observed the snapshot, rendered as this pass renders it
 * @param storage volume growth's steps and its say on the StatefulSet
 * @param lifecycle the lifecycle's actions, StatefulSet shape and memory, storage steps and the
 *     adoption's StatefulSet replacement merged in
 * @param adoption what adopting the Go operator's objects takes in this pass
 * @param seeding what seeding new members takes in this pass; empty when the operator cannot seed
 *     (it runs without its own image, which the seed pods need)
 */
public record ReconcilePass(ObservedCluster observed, StoragePlan storage, LifecyclePlan lifecycle,
    AdoptionPlan adoption, Optional<SeedPlan> seeding) {

  public ReconcilePass {
    Objects.requireNonNull(observed, "observed");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(lifecycle, "lifecycle");
    Objects.requireNonNull(adoption, "adoption");
    Objects.requireNonNull(seeding, "seeding");
  }

  /**
   * Decides one pass over {@code observed} (rendered from its spec with {@code options}). The spec
   * rendered is the observed one, except that a pass that changes cluster mode or holds the proxy's
   * image renders the adjusted spec, so the apply and the lifecycle agree on the replicas.
   */
  public static ReconcilePass decide(ObservedCluster observed, RenderOptions options, ClusterLifecycle lifecycle,
      AdoptionInput adoption) {
    return decide(observed, observed.spec(), options, lifecycle, adoption, Optional.empty());
  }

  /**
   * Decides one pass over {@code probed}, whose objects were rendered from {@code base}: the spec
   * as the operator renders it before this pass's adjustments (the observed one, or one that keeps
   * auth off until the admin user exists). With {@code seedObjects} (the cluster's pods, claims and
   * Secrets) the pass seeds new members first: the StatefulSet grows only over seeded claims.
   */
  public static ReconcilePass decide(ObservedCluster probed, ClusterSpec base, RenderOptions options,
      ClusterLifecycle lifecycle, AdoptionInput adoptionInput, Optional<SeedObjects> seedObjects) {
    // new members start only on seeded claims (product 3.4): the seeding bounds the replicas the rest decides on
    Optional<SeedPlan> seeding = seedObjects.map(objects -> SeedDecision.decide(SeedObserver.observe(probed, objects)))
        // a pause freezes every object the cluster owns, seed pods and seeded claims among them (fault campaign
        // seeds 1018, 1024, 1032, 1034 caught them written while paused): it still bounds the replicas; seeding
        // goes on after the resume
        .map(plan -> PauseDecision.paused(probed)
            ? new SeedPlan(List.of(), plan.allowedReplicas(), plan.progress(), plan.blocked()) : plan);
    ObservedCluster observed = seeding.isEmpty() ? probed
        : ImmutableObservedCluster.copyOf(probed).withSeededReplicas(seeding.get().allowedReplicas());
    ClusterSpec toRender = ProxyImageHold.specToRender(
        ClusterModeTransition.specToRender(base, observed.statefulSetReplicas()), observed);
    ObservedCluster rendered = toRender == base ? observed
        : ImmutableObservedCluster.copyOf(observed).withRendered(ClusterRenderer.render(toRender, options));
    // volume growth adds its steps after the lifecycle's and decides how the StatefulSet may be written
    StoragePlan storage = StorageGrowthDecision.decide(rendered);
    // a StatefulSet the Go operator made that cannot become this operator's is replaced before any
    // lifecycle step: the adoption merges last
    AdoptionPlan adoption = AdoptionDecision.decide(rendered, adoptionInput);
    LifecyclePlan plan = adoption.mergeInto(storage.mergeInto(lifecycle.plan(rendered)),
        LifecycleMemory.from(rendered.lastStatus()));
    return new ReconcilePass(rendered, storage, plan, adoption, seeding);
  }

  /**
   * Whether this pass only removes the Go operator's finalizer (nothing here would run it, so deleting
   * the cluster would hang): first, in a pass of its own, as the patch changes the cluster's
   * resourceVersion and the status is written on the next pass. Not while paused.
   */
  public boolean releasesGoFinalizer() {
    return adoption.removeFinalizer() && !observed.spec().paused();
  }

  /** {@code owned} without what the adoption keeps (the Go operator's proxy while spec.proxy is omitted): the prune candidates. */
  public List<HasMetadata> prunable(List<HasMetadata> owned) {
    return adoption.prunable(owned);
  }

  /**
   * The objects this pass applies: the rendered ones, the StatefulSet in the lifecycle's shape and
   * with the storage plan's claim size (or left out when the storage plan does not let it be
   * written), none the adoption holds back in this pass (the StatefulSet while the Go operator's is
   * replaced, a rendered object whose Go-made namesake is pruned first), and none for which
   * {@code skip} holds (kinds whose CRD is not installed). Empty when the lifecycle writes no
   * workloads (paused).
   */
  public List<HasMetadata> desired(Predicate<HasMetadata> skip) {
    if (!lifecycle.writesWorkloads()) {
      return List.of();
    }
    List<HasMetadata> objects = new ArrayList<>();
    for (HasMetadata object : observed.rendered().objects()) {
      if (skip.test(object) || !adoption.applies(object)
          || (object instanceof StatefulSet && !adoption.writesStatefulSet())) {
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
