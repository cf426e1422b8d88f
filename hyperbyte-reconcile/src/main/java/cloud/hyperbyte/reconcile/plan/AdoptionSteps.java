package cloud.hyperbyte.reconcile.plan;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.reconcile.adoption.AdoptionPlan;
import cloud.hyperbyte.reconcile.apply.ApplyPlan;
import cloud.hyperbyte.reconcile.apply.ObjectRef;
import cloud.hyperbyte.reconcile.apply.PlanEntry;
import cloud.hyperbyte.reconcile.decision.Action;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The adoption of the Go operator's objects as a plan shows it, from each projected pass's
 * {@link AdoptionPlan}: its steps in the order the pass takes them (the finalizer in a pass of its
 * own; Secrets replaced before the apply; Go-made objects pruned so this operator's can be created in
 * the next pass, or kept; the StatefulSet replaced among the lifecycle's actions), the objects it
 * replaces or keeps, and the risks a person should read before: every deletion, what survives it.
 * Collects over the passes of one plan.
 */
final class AdoptionSteps {

  /** Objects deleted and created again, by "Kind name". */
  private final Set<String> replaced = new LinkedHashSet<>();
  /** Secrets replaced: "name" to "from -> to" type. */
  private final Map<String, String> secretTypes = new LinkedHashMap<>();
  /** Go-made objects kept unmanaged, by "Kind name". */
  private final Map<String, ObjectRef> kept = new LinkedHashMap<>();
  private final Set<String> flagged = new LinkedHashSet<>();

  /** The step of a pass that only removes the Go operator's finalizer. */
  PlanStep finalizerRemoved(HyperbytedbCluster cluster) {
    return PlanStep.object("remove-finalizer", HyperbytedbCluster.KIND, cluster.getMetadata().getName(),
        "removes the Go operator's finalizer " + AdoptionPlan.GO_FINALIZER + ": nothing here runs it, so deleting"
            + " the cluster would hang; this operator deletes what it made through owner references",
        Optional.of("GoFinalizerRemoved"));
  }

  /** The steps a pass takes before its apply: Secrets whose type cannot change, replaced. */
  List<PlanStep> beforeApply(AdoptionPlan adoption) {
    List<PlanStep> steps = new ArrayList<>();
    for (AdoptionPlan.SecretReplacement secret : adoption.replaceSecrets()) {
      replaced.add("Secret " + secret.name());
      secretTypes.put(secret.name(), "type: " + secret.staleType() + " -> " + secret.type());
      flagged.add("Secret " + secret.name() + " (type " + secret.staleType() + ") is deleted and created again as "
          + secret.type() + " with this operator's certificates, right before the StatefulSet is replaced: running"
          + " members keep the certificate they loaded until their one restart; clients must trust its ca.crt");
      steps.add(PlanStep.object("replace-secret", "Secret", secret.name(), "deletes the Go operator's Secret (type "
          + secret.staleType() + ", which cannot change) and writes this operator's (" + secret.type() + "): running"
          + " members keep the certificate they loaded and load the new one when they restart",
          Optional.of("SecretReplaced")));
    }
    return steps;
  }

  /**
   * The steps of a pass's apply: a Go-made object pruned so that this operator's, withheld in this
   * pass, is created in the next; and, once, each Go-made object kept and not managed.
   */
  List<PlanStep> ofApply(AdoptionPlan adoption, ApplyPlan apply) {
    List<PlanStep> steps = new ArrayList<>();
    for (PlanEntry.Prune prune : apply.prunes()) {
      boolean withheld = adoption.withheld().stream().anyMatch(w -> same(w, prune.ref()));
      if (withheld) {
        String object = prune.ref().kind() + " " + prune.ref().name();
        replaced.add(object);
        flagged.add(object + " made by the Go operator is deleted and this operator's created in the next pass:"
            + " in between, nothing limits voluntary evictions of members");
        steps.add(PlanStep.object("replace-" + shortKind(prune.ref().kind()), prune.ref().kind(), prune.ref().name(),
            "deletes the Go operator's and creates this operator's in the next pass: applied over it, the Go"
                + " operator's fields would stay next to this operator's (a budget with both bounds is refused)",
            Optional.empty()));
      }
    }
    // a Set: sorted, so that a plan prints the same for the same input
    for (ObjectRef ref : adoption.kept().stream()
        .sorted(Comparator.comparing(ObjectRef::kind).thenComparing(ObjectRef::name)).toList()) {
      String object = ref.kind() + " " + ref.name();
      if (kept.putIfAbsent(object, ref) == null) {
        steps.add(PlanStep.object("keep-proxy", ref.kind(), ref.name(), "made by the Go operator, whose default"
            + " was a proxy: kept running, not managed and not deleted while spec.proxy is omitted (set"
            + " spec.proxy.enabled true to manage it, false to remove it)", Optional.empty()));
      }
    }
    return steps;
  }

  /** Records the StatefulSet's replacement among a pass's actions. */
  void lifecycleAction(Action action) {
    if (action instanceof Action.OrphanStatefulSet orphan) {
      replaced.add("StatefulSet " + orphan.name());
      flagged.add("StatefulSet " + orphan.name() + " is deleted with orphan propagation: its pods keep running and"
          + " serving and no PVC is deleted; the StatefulSet created again adopts them, then each member restarts"
          + " once into this operator's template");
    }
  }

  /** What needs a person's attention: each deletion and what survives it. */
  Set<String> flagged() {
    return flagged;
  }

  /**
   * {@code change} as the adoption makes it: {@code replace} for an object deleted and created again,
   * {@code kept} for a Go-made one left alone.
   */
  ChangePlan.ObjectChange adjust(ChangePlan.ObjectChange change) {
    String object = change.kind() + " " + change.name();
    if (replaced.contains(object) && !change.action().equals(ChangePlan.ObjectChange.UNCHANGED)) {
      return new ChangePlan.ObjectChange(change.kind(), change.name(), ChangePlan.ObjectChange.REPLACE, change.fields());
    }
    return change;
  }

  /** The objects the adoption changes that no desired object stands for: Secrets replaced, objects kept. */
  List<ChangePlan.ObjectChange> ownChanges() {
    List<ChangePlan.ObjectChange> changes = new ArrayList<>();
    secretTypes.forEach((name, types) -> changes.add(new ChangePlan.ObjectChange("Secret", name,
        ChangePlan.ObjectChange.REPLACE, List.of(types))));
    kept.values().forEach(ref -> changes.add(new ChangePlan.ObjectChange(ref.kind(), ref.name(),
        ChangePlan.ObjectChange.KEPT, List.of())));
    return changes;
  }

  /** Whether {@code ref} is kept (not a prune candidate). */
  boolean keeps(ObjectRef ref) {
    return kept.values().stream().anyMatch(k -> same(k, ref));
  }

  private static boolean same(ObjectRef a, ObjectRef b) {
    return a.kind().equals(b.kind()) && a.name().equals(b.name());
  }

  private static String shortKind(String kind) {
    return kind.equals("PodDisruptionBudget") ? "pdb" : kind.toLowerCase(java.util.Locale.ROOT);
  }
}
