package cloud.hyperbyte.reconcile.decision;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A rolling upgrade in progress, as kept in {@code status.rollingUpgrade}.
 *
 * @param targetRevision the StatefulSet update revision being rolled out
 * @param ordinal the member currently out, if any
 * @param step its step
 * @param stepStartedAt when that step began
 * @param done ordinals already upgraded and back
 * @param clusterModeChange the restarts turn cluster mode on or off: part of a scale across one replica
 */
public record UpgradeProgress(String targetRevision, OptionalInt ordinal, Optional<UpgradeStep> step,
    Instant stepStartedAt, List<Integer> done, boolean clusterModeChange) {

  /** Progress of an upgrade for a template change. */
  public UpgradeProgress(
      String targetRevision, OptionalInt ordinal, Optional<UpgradeStep> step, Instant stepStartedAt, List<Integer> done) {
    this(targetRevision, ordinal, step, stepStartedAt, done, false);
  }

  public UpgradeProgress {
    Objects.requireNonNull(targetRevision, "targetRevision");
    Objects.requireNonNull(ordinal, "ordinal");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(stepStartedAt, "stepStartedAt");
    done = List.copyOf(done);
  }

  /** Progress with {@code ordinal} at {@code step} since {@code at}. */
  public UpgradeProgress at(int ordinal, UpgradeStep step, Instant at) {
    return new UpgradeProgress(targetRevision, OptionalInt.of(ordinal), Optional.of(step), at, done, clusterModeChange);
  }

  /** The same progress, marked as restarts that turn cluster mode on or off. */
  public UpgradeProgress forClusterModeChange() {
    return new UpgradeProgress(targetRevision, ordinal, step, stepStartedAt, done, true);
  }

  /** Progress after the member out went away (a scale-down removed it): nobody out, nothing more done. */
  public UpgradeProgress memberGone(Instant at) {
    return new UpgradeProgress(targetRevision, OptionalInt.empty(), Optional.empty(), at, done, clusterModeChange);
  }

  /** Progress after {@code ordinal} came back: nobody out. */
  public UpgradeProgress finished(int ordinal, Instant at) {
    List<Integer> all = new java.util.ArrayList<>(done);
    if (!all.contains(ordinal)) {
      all.add(ordinal);
    }
    return new UpgradeProgress(targetRevision, OptionalInt.empty(), Optional.empty(), at, all, clusterModeChange);
  }
}
