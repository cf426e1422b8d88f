package cloud.hyperbyte.reconcile.adoption;

import cloud.hyperbyte.reconcile.apply.AppliedHash;
import cloud.hyperbyte.reconcile.apply.ObjectRef;
import cloud.hyperbyte.reconcile.decision.Action;
import cloud.hyperbyte.reconcile.decision.Notice;
import cloud.hyperbyte.reconcile.snapshot.ObservedCluster;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Adoption of a cluster the Go operator made (issue 16): its objects carry the same names, labels and
 * owner reference, so this operator takes them over by applying its own, except where that cannot
 * work or would lose something.
 * <ul>
 *   <li>A StatefulSet the Go operator made whose immutable fields differ (the Go operator's {@code OrderedReady} policy and
 *       unlabelled claim templates) is deleted with orphan propagation: pods and PVCs keep running, the
 *       StatefulSet is created again as rendered, with the partition at the replica count so no pod is
 *       replaced by the StatefulSet controller, and the rolling upgrade then restarts each member once,
 *       with its safety (restart reason {@code adoption}). Not while paused, held by a restore, or before
 *       the StatefulSet controller caught up with the old spec: the replacement waits.</li>
 *   <li>The Go operator's PodDisruptionBudget sets {@code minAvailable}, the rendered one
 *       {@code maxUnavailable}: applied over it, the Go operator's field would stay (another manager
 *       owns it) and the API server refuses a budget with both. It is pruned first (the rendered one is
 *       withheld for that pass) and created as rendered in the next.</li>
 *   <li>The Go finalizer is removed, so deletion completes: in a pass of its own, before anything else
 *       (not while paused).</li>
 *   <li>A Secret this pass writes whose live namesake the cluster controls and whose type differs (the
 *       Go operator's {@code <name>-tls} is {@code kubernetes.io/tls}, this operator's {@code Opaque};
 *       a type cannot change) is deleted right before it is written ({@link SecretTypeChange}).</li>
 *   <li>The Go operator ran a proxy when {@code spec.proxy} was omitted; this operator's default is no
 *       proxy. A proxy Deployment or Service the Go operator made is kept (not pruned) while
 *       {@code spec.proxy} is omitted, with a Degraded notice that says what to set.</li>
 * </ul>
 * "Made by the Go operator" means owned by the cluster without this operator's applied-hash
 * annotation, which every object it applies carries. Pure.
 */
public final class AdoptionDecision {

  private AdoptionDecision() {}

  /**
   * @param observed the snapshot of this pass, rendered as the pass renders it
   * @param input the cluster's metadata, its owned objects and the Secrets the pass writes
   */
  public static AdoptionPlan decide(ObservedCluster observed, AdoptionInput input) {
    boolean proxyOmitted = input.proxyOmitted();
    List<HasMetadata> owned = input.owned();
    List<Notice> notices = new ArrayList<>();
    Optional<Action.OrphanStatefulSet> replace = replacement(observed, notices);
    Set<ObjectRef> kept = new HashSet<>();
    if (proxyOmitted && observed.spec().proxy().isEmpty()) {
      ClusterNames names = observed.names();
      List<HasMetadata> goProxy = owned.stream()
          .filter(o -> (o instanceof Deployment && o.getMetadata().getName().equals(names.proxyDeployment()))
              || (o instanceof Service && o.getMetadata().getName().equals(names.proxyService())))
          .filter(AdoptionDecision::madeByAnotherOperator)
          .toList();
      goProxy.forEach(o -> kept.add(ObjectRef.of(o)));
      if (!goProxy.isEmpty()) {
        notices.add(Notice.degraded("GoOperatorProxyKept", "spec.proxy is omitted: the Go operator ran a proxy"
            + " then (its default was on), this operator does not (its default is off). The proxy "
            + names.proxyDeployment() + " it made keeps running but is not managed; set spec.proxy.enabled: true"
            + " to manage it, or spec.proxy.enabled: false to remove it"));
      }
    }
    Set<ObjectRef> withheld = new HashSet<>();
    observed.rendered().find(PodDisruptionBudget.class, observed.names().podDisruptionBudget()).ifPresent(rendered -> {
      boolean goMade = owned.stream().anyMatch(o -> o instanceof PodDisruptionBudget
          && o.getMetadata().getName().equals(rendered.getMetadata().getName()) && madeByAnotherOperator(o));
      if (goMade) {
        withheld.add(ObjectRef.of(rendered));
      }
    });
    return new AdoptionPlan(replace, input.finalizers().contains(AdoptionPlan.GO_FINALIZER), kept, withheld,
        secretReplacements(input), notices);
  }

  private static List<AdoptionPlan.SecretReplacement> secretReplacements(AdoptionInput input) {
    List<AdoptionPlan.SecretReplacement> replacements = new ArrayList<>();
    for (Secret written : input.secretsWritten()) {
      Optional<Secret> live = input.owned().stream().filter(Secret.class::isInstance).map(Secret.class::cast)
          .filter(s -> s.getMetadata().getName().equals(written.getMetadata().getName())).findFirst();
      SecretTypeChange.staleUid(written, live, input.clusterUid()).ifPresent(uid -> replacements.add(
          new AdoptionPlan.SecretReplacement(written.getMetadata().getName(), uid,
              SecretTypeChange.typeOf(live.orElseThrow()), SecretTypeChange.typeOf(written))));
    }
    return replacements;
  }

  private static Optional<Action.OrphanStatefulSet> replacement(ObservedCluster observed, List<Notice> notices) {
    Optional<StatefulSet> live = observed.statefulSet();
    if (live.isEmpty() || live.get().getMetadata().getDeletionTimestamp() != null
        || !madeByAnotherOperator(live.get())) {
      // this operator's own StatefulSet with a changed immutable field is a spec change the API
      // server refuses: reported (ChangeRefused), never replaced behind the user's back
      return Optional.empty();
    }
    StatefulSet rendered = observed.rendered().get(StatefulSet.class, observed.names().statefulSet());
    List<String> differing = ImmutableStatefulSetFields.differing(live.get(), rendered);
    if (differing.isEmpty()) {
      return Optional.empty();
    }
    String name = live.get().getMetadata().getName();
    if (observed.spec().paused() || observed.spec().heldBy().isPresent()) {
      notices.add(Notice.progressing("StatefulSetReplacing", "StatefulSet " + name + " differs in fields Kubernetes"
          + " does not let change (" + String.join(", ", differing) + "); it is replaced once the cluster is no"
          + " longer paused or held"));
      return Optional.empty();
    }
    if (!observed.statefulSetSettled()) {
      notices.add(Notice.progressing("StatefulSetReplacing", "StatefulSet " + name + " differs in fields Kubernetes"
          + " does not let change (" + String.join(", ", differing) + "); it is replaced once its controller has"
          + " caught up with its spec"));
      return Optional.empty();
    }
    notices.add(Notice.progressing("StatefulSetReplacing", "Replacing StatefulSet " + name + " (its pods and volumes"
        + " keep running): it differs in fields Kubernetes does not let change: " + String.join(", ", differing)
        + "; each member then restarts once into this operator's pod template"));
    return Optional.of(new Action.OrphanStatefulSet(name, live.get().getMetadata().getUid(),
        "with this operator's " + String.join(", ", differing.stream().map(f -> f.replaceAll(" \\(.*", "")).toList())));
  }

  /** Owned by the cluster but never applied by this operator: made by the Go operator. */
  static boolean madeByAnotherOperator(HasMetadata object) {
    var annotations = object.getMetadata().getAnnotations();
    return annotations == null || !annotations.containsKey(AppliedHash.ANNOTATION);
  }
}
