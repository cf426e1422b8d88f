package cloud.hyperbyte.reconcile.backup;

import java.time.Duration;
import java.util.Objects;

/**
 * How scheduled backups treat missed slots and how much history they keep.
 *
 * <p>Missed-run policy: when the operator finds that slots passed without a run (operator down,
 * or a previous run still in progress: runs never overlap), it runs <em>once</em>, for the most
 * recent missed slot, if that slot is at most {@code startingDeadline} old; older missed slots are
 * recorded in history as {@code Missed} with a Warning event and never caught up.
 *
 * @param startingDeadline how late a slot may still start
 * @param historyLimit runs kept in {@code status.history}, newest first
 */
public record SchedulePolicy(Duration startingDeadline, int historyLimit) {

  /** One hour of starting deadline; the last 10 runs. */
  public static final SchedulePolicy DEFAULT = new SchedulePolicy(Duration.ofHours(1), 10);

  public SchedulePolicy {
    Objects.requireNonNull(startingDeadline, "startingDeadline");
    if (historyLimit < 1) {
      throw new IllegalArgumentException("historyLimit must be >= 1");
    }
  }
}
