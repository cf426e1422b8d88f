package cloud.hyperbyte.reconcile.seed;

import java.util.Objects;
import java.util.Optional;

/**
 * One new member's seeding, for {@code status.seeding}.
 *
 * @param ordinal the member
 * @param stage where it is
 * @param attempt the current attempt (0 before the first)
 * @param source the pod of the member the backup comes from, when one was chosen
 * @param message what is going on, or why it cannot go on
 */
public record SeedProgress(int ordinal, Stage stage, int attempt, Optional<String> source, String message) {

  public SeedProgress {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(message, "message");
  }

  /** The stages, as status shows them. */
  public enum Stage {
    /** Claim and token being created. */
    Preparing,
    /** The source backs up, the target fetches and restores. */
    Transferring,
    /** The claim holds the backup; the member may start. */
    Seeded,
    /** The member cannot be seeded now (no healthy source, attempts used up); it is not added. */
    Blocked
  }
}
