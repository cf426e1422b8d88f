package cloud.hyperbyte.reconcile.restore;

import cloud.hyperbyte.reconcile.backup.S3Settings;
import cloud.hyperbyte.reconcile.backup.SnapshotLocation;
import java.util.Objects;

/** Which snapshot a restore uses, or why none can be used. */
public sealed interface SnapshotResolution {

  /**
   * The snapshot and the store it is read from.
   *
   * @param settings endpoint, region, path style and credentials Secret of the source
   * @param location the exact snapshot folder
   */
  record Resolved(S3Settings settings, SnapshotLocation location) implements SnapshotResolution {
    public Resolved {
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(location, "location");
    }
  }

  /**
   * No usable snapshot.
   *
   * @param reason CamelCase condition reason
   * @param message what is wrong and what to do
   * @param transientFailure whether looking again later may succeed (object store unavailable)
   */
  record Unresolved(String reason, String message, boolean transientFailure) implements SnapshotResolution {
    public Unresolved {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }
}
