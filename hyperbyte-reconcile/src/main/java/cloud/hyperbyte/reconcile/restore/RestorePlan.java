package cloud.hyperbyte.reconcile.restore;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestoreStatus;
import cloud.hyperbyte.reconcile.backup.ResourceEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator does for a restore after one decision: write {@code status} first (so the
 * chosen snapshot and the restored volumes survive a restart), then the {@code actions} in order,
 * record {@code events}, and look again at {@code requeueAt} or when a watched object changes.
 */
public record RestorePlan(
    HyperbytedbRestoreStatus status,
    List<RestoreAction> actions,
    List<ResourceEvent> events,
    Optional<Instant> requeueAt) {

  public RestorePlan {
    Objects.requireNonNull(status, "status");
    actions = List.copyOf(actions);
    events = List.copyOf(events);
    Objects.requireNonNull(requeueAt, "requeueAt");
  }
}
