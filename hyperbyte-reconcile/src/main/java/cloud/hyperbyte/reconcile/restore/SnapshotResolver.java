package cloud.hyperbyte.reconcile.restore;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestore;
import cloud.hyperbyte.reconcile.backup.ObjectStore;
import cloud.hyperbyte.reconcile.backup.ObjectStoreException;
import cloud.hyperbyte.reconcile.backup.S3Settings;
import cloud.hyperbyte.reconcile.backup.SnapshotLocation;
import cloud.hyperbyte.reconcile.backup.SnapshotManifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Resolves the snapshot of a restore, reading the bucket where needed:
 *
 * <ul>
 *   <li>once pinned in {@code status.snapshotPath}, always that snapshot (a backup that runs again
 *       during the restore does not change what is restored);
 *   <li>{@code source.s3}: the folder its prefix names, which must be one complete snapshot;
 *   <li>{@code backupName}: the backup's last successful run ({@code status.backupPath}), whose
 *       manifest must still exist and be complete.
 * </ul>
 */
public final class SnapshotResolver {

  private final Function<S3Settings, ObjectStore> stores;

  /** @param stores opens the store of a source (the operator resolves credentials) */
  public SnapshotResolver(Function<S3Settings, ObjectStore> stores) {
    this.stores = Objects.requireNonNull(stores, "stores");
  }

  /**
   * @param restore the restore (spec and status)
   * @param backup the backup named by {@code spec.backupName}, if it exists
   */
  public SnapshotResolution resolve(HyperbytedbRestore restore, Optional<HyperbytedbBackup> backup) {
    Optional<S3Settings> source = sourceSettings(restore, backup);
    String pinned = restore.getStatus() == null ? null : restore.getStatus().getSnapshotPath();
    if (pinned != null) {
      Optional<SnapshotLocation> location = SnapshotLocation.parse(pinned);
      if (source.isEmpty() || location.isEmpty()) {
        return new SnapshotResolution.Unresolved(
            "SourceNotFound",
            "the source of snapshot " + pinned + " is gone (backup " + restore.getSpec().getBackupName()
                + " deleted?)",
            false);
      }
      return new SnapshotResolution.Resolved(withBucket(source.get(), location.get().bucket()), location.get());
    }
    try {
      if (restore.getSpec().getSource() != null && restore.getSpec().getSource().getS3() != null) {
        return explicit(source.orElseThrow());
      }
      return fromBackup(restore.getSpec().getBackupName(), backup);
    } catch (ObjectStoreException e) {
      return new SnapshotResolution.Unresolved(
          switch (e.reason()) {
            case ACCESS_DENIED -> "AccessDenied";
            case NO_SUCH_BUCKET -> "BucketNotFound";
            case UNAVAILABLE -> "ObjectStoreUnavailable";
            default -> "ObjectStoreError";
          },
          "reading the snapshot source failed: " + e.getMessage(),
          e.reason().transientFailure());
    }
  }

  private SnapshotResolution explicit(S3Settings settings) {
    if (settings.prefix().isEmpty()) {
      return new SnapshotResolution.Unresolved(
          "SnapshotNotSpecified",
          "source.s3.prefix must name one snapshot folder, e.g. backups/<namespace>/<cluster>/20261124T020000Z",
          false);
    }
    String folder = settings.prefix() + "/";
    ObjectStore store = stores.apply(settings);
    SnapshotSelection.Choice choice = SnapshotSelection.choose(folder, store.list(folder));
    if (choice instanceof SnapshotSelection.Several several) {
      int n = several.folders().size();
      return new SnapshotResolution.Unresolved(
          "AmbiguousSnapshot",
          "s3://" + settings.bucket() + "/" + folder + " holds " + n + " snapshots, not one; set source.s3.prefix to "
              + "exactly one of them, e.g. " + String.join(", ", several.folders().subList(Math.max(0, n - 3), n)),
          false);
    }
    if (choice instanceof SnapshotSelection.None) {
      return new SnapshotResolution.Unresolved(
          "SnapshotNotFound", "no snapshot (manifest.json) at or below s3://" + settings.bucket() + "/" + folder, false);
    }
    return complete(settings, new SnapshotLocation(settings.bucket(), folder));
  }

  private SnapshotResolution fromBackup(String backupName, Optional<HyperbytedbBackup> backup) {
    if (backupName == null || backupName.isBlank()) {
      return new SnapshotResolution.Unresolved("SourceNotSpecified", "set backupName or source.s3", false);
    }
    if (backup.isEmpty()) {
      return new SnapshotResolution.Unresolved(
          "BackupNotFound", "HyperbytedbBackup " + backupName + " not found in this namespace", false);
    }
    String path = backup.get().getStatus() == null ? null : backup.get().getStatus().getBackupPath();
    Optional<SnapshotLocation> location = SnapshotLocation.parse(path);
    if (location.isEmpty()) {
      return new SnapshotResolution.Unresolved(
          "NoSuccessfulRun",
          "HyperbytedbBackup " + backupName + " has no successful run yet; wait for one or set source.s3",
          false);
    }
    S3Settings settings = withBucket(S3Settings.of(backup.get().getSpec().getDestination().getS3()),
        location.get().bucket());
    return complete(settings, location.get());
  }

  private SnapshotResolution complete(S3Settings settings, SnapshotLocation location) {
    ObjectStore store = stores.apply(settings);
    Optional<SnapshotManifest> manifest;
    try (InputStream in = store.get(location.manifestKey())) {
      manifest = SnapshotManifest.parse(in.readNBytes(1 << 20));
    } catch (ObjectStoreException e) {
      if (e.reason() == ObjectStoreException.Reason.NOT_FOUND) {
        return new SnapshotResolution.Unresolved(
            "SnapshotNotFound", "snapshot " + location.uri() + " no longer exists (expired by retention?)", false);
      }
      throw e;
    } catch (IOException e) {
      throw new ObjectStoreException(ObjectStoreException.Reason.UNAVAILABLE, e.getMessage(), e);
    }
    if (manifest.isEmpty() || !manifest.get().complete()) {
      return new SnapshotResolution.Unresolved(
          "SnapshotIncomplete",
          "snapshot " + location.uri() + " is incomplete (its upload was interrupted); choose another one",
          false);
    }
    return new SnapshotResolution.Resolved(settings, location);
  }

  private static Optional<S3Settings> sourceSettings(HyperbytedbRestore restore, Optional<HyperbytedbBackup> backup) {
    if (restore.getSpec().getSource() != null && restore.getSpec().getSource().getS3() != null) {
      return Optional.of(S3Settings.of(restore.getSpec().getSource().getS3()));
    }
    return backup
        .filter(b -> b.getSpec() != null && b.getSpec().getDestination() != null
            && b.getSpec().getDestination().getS3() != null)
        .map(b -> S3Settings.of(b.getSpec().getDestination().getS3()));
  }

  private static S3Settings withBucket(S3Settings settings, String bucket) {
    return new S3Settings(bucket, settings.prefix(), settings.region(), settings.endpoint(), settings.forcePathStyle(),
        settings.credentialsSecretName());
  }
}
