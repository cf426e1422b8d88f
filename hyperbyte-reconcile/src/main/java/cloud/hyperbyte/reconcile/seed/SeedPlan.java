package cloud.hyperbyte.reconcile.seed;

import java.util.List;
import java.util.Optional;

/**
 * What one pass does about seeding.
 *
 * @param actions the writes, in order
 * @param allowedReplicas how far the StatefulSet may grow: the live replicas plus the new members
 *     whose claims are seeded, in ordinal order (the target when seeding is off)
 * @param progress each new member's seeding, for status
 * @param blocked why a new member cannot be seeded, when one cannot (condition {@code Seeded=False})
 */
public record SeedPlan(List<SeedAction> actions, int allowedReplicas, List<SeedProgress> progress,
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
