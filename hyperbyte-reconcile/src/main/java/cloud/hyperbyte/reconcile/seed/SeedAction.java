package cloud.hyperbyte.reconcile.seed;

/**
 * One Kubernetes write of the seeding; the operator runs them in order through its fenced API
 * client, and every one is safe to repeat (a create that finds the object is a no-op).
 */
public sealed interface SeedAction {

  int ordinal();

  /** Create the member's claim under the name the StatefulSet adopts, from its claim template. */
  record CreateClaim(int ordinal) implements SeedAction {}

  /** Create the Secret with a fresh random one-time token. */
  record CreateToken(int ordinal) implements SeedAction {}

  /** Create the source pod, pinned to {@code source}'s node, backing up its volume. */
  record CreateSourcePod(int ordinal, int attempt, SeedObservation.Source source) implements SeedAction {}

  /** Create the target pod mounting the new claim, fetching from {@code sourceAddress}. */
  record CreateTargetPod(int ordinal, int attempt, int sourceOrdinal, String sourceAddress) implements SeedAction {}

  /** Record on the claim that it holds a restored backup (the StatefulSet may grow over it now). */
  record MarkSeeded(int ordinal, String sourcePod) implements SeedAction {}

  /**
   * Remove the seeded mark from the claim of a member the StatefulSet counts: a member has started on
   * it, so it no longer holds just the seed, and a scale-down that retains it must not leave it marked
   * (the member would come back with its old Raft state and data instead of a fresh seed).
   */
  record ClearSeeded(int ordinal) implements SeedAction {}

  /** Delete a seed pod that finished, failed or is no longer wanted (UID precondition). */
  record DeletePod(int ordinal, String name, String uid) implements SeedAction {}

  /** Delete the token Secret once the member is seeded or no longer being seeded. */
  record DeleteToken(int ordinal) implements SeedAction {}
}
