package cloud.hyperbyte.reconcile.backup;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackupStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the operator does for a backup after one decision: write {@code status}, create the pod of
 * attempt {@code start} (after the status write succeeded, so a crash never runs an attempt that
 * status does not know), record {@code events}, and look again at {@code requeueAt} (or when the
 * pod's watch events arrive).
 */
public record BackupPlan(
    HyperbytedbBackupStatus status, Optional<RunRequest> start, List<ResourceEvent> events, Optional<Instant> requeueAt) {

  public BackupPlan {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(start, "start");
    events = List.copyOf(events);
    Objects.requireNonNull(requeueAt, "requeueAt");
  }
}
