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

  /** Whether a new member is waiting for its seed (phase Scaling). */
  public boolean seeding() {
    return progress.stream().anyMatch(p -> p.stage() != SeedProgress.Stage.Seeded);
  }
}
