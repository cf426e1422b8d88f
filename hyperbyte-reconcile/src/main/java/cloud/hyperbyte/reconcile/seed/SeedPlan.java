package cloud.hyperbyte.reconcile.seed;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What one pass does about seeding.
 *
 * @param actions the writes, in order
 * @param allowedReplicas how far the StatefulSet may grow: the live replicas plus the new members
 *     whose claims are seeded, in ordinal order; empty when seeding is off, so the lifecycle grows at
 *     once and replaces retained claims itself (a limit equal to the target would tell it that seeding
 *     replaces them)
 * @param progress each new member's seeding, for status
 * @param blocked why a new member cannot be seeded, when one cannot (condition {@code Seeded=False})
 */
public record SeedPlan(List<SeedAction> actions, OptionalInt allowedReplicas, List<SeedProgress> progress,
    Optional<String> blocked) {

  public SeedPlan {
    actions = List.copyOf(actions);
    progress = List.copyOf(progress);
  }

  /**
   * The actions that end what is spent ({@link SeedAction.ClearSeeded}, {@link SeedAction.DeletePod},
   * {@link SeedAction.DeleteToken}), in order: the operator runs them before it writes the
   * StatefulSet, so a pass that shrinks it past a member has first removed that member's seeded mark
   * and the seed pods of its last round (a succeeded target left behind would mark the retained claim
   * seeded again without a new transfer), and a pass whose writes fail ends before the shrink.
   */
  public List<SeedAction> beforeStatefulSet() {
    return actions.stream().filter(SeedPlan::ends).toList();
  }

  /** The other actions (creates and marks), in order: run after the StatefulSet and the lifecycle's actions. */
  public List<SeedAction> afterStatefulSet() {
    return actions.stream().filter(a -> !ends(a)).toList();
  }

  private static boolean ends(SeedAction action) {
    return action instanceof SeedAction.ClearSeeded || action instanceof SeedAction.DeletePod
        || action instanceof SeedAction.DeleteToken;
  }

  /** Whether a new member is waiting for its seed (phase Scaling). */
  public boolean seeding() {
    return progress.stream().anyMatch(p -> p.stage() != SeedProgress.Stage.Seeded);
  }
}
