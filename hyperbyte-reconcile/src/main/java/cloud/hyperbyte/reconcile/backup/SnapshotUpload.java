package cloud.hyperbyte.reconcile.backup;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The upload half of one backup attempt, as the backup pod's upload step runs it once the server's
 * backup directory exists: never throws for an expected failure, every failure is a {@link
 * RunReport.Failure}.
 *
 * <ol>
 *   <li>Write {@code manifest.json} with state {@code uploading} (checks bucket and credentials
 *       before the archive, and names the owner of a snapshot even if it is cut short).
 *   <li>Stream the archive into a multipart upload of {@code backup.tar}, hashing it on the way:
 *       one part buffer in memory, whatever the backup size.
 *   <li>Rewrite {@code manifest.json} as {@code complete} with size and SHA-256.
 *   <li>Apply retention to this backup's own expired snapshots.
 * </ol>
 *
 * <p>Consistency is best effort (contract §5.2): RocksDB checkpoints are point in time, but the
 * chDB directory is copied file by file while merges run, so a hot backup is not crash-consistent
 * and can fail with a vanished file; such failures are transient and retried.
 */
public final class SnapshotUpload {

  /** The archive of the server's backup directory, opened once. */
  @FunctionalInterface
  public interface Archive {
    /** The tar stream; a failure to produce it surfaces as an {@link IOException} from a read. */
    InputStream open() throws IOException;
  }

  private final ObjectStore store;
  private final Clock clock;

  public SnapshotUpload(ObjectStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Uploads {@code archive} as the snapshot of {@code request} and reports; never throws for an expected failure. */
  public RunReport run(RunRequest request, Archive archive) {
    Instant startedAt = clock.instant();
    S3Settings destination = request.destination();
    SnapshotLocation location =
        new SnapshotLocation(
            destination.bucket(),
            SnapshotLayout.snapshotFolder(destination, request.namespace(), request.clusterName(), startedAt));
    SnapshotManifest manifest =
        new SnapshotManifest(
            SnapshotManifest.FORMAT_VERSION,
            SnapshotManifest.UPLOADING,
            request.backupName(),
            request.namespace(),
            request.clusterName(),
            request.serverVersion(),
            request.members(),
            request.sourcePod(),
            SnapshotManifest.BEST_EFFORT,
            startedAt.toString(),
            null,
            null);
    try {
      store.put(location.manifestKey(), manifest.toJson());
      SnapshotManifest.Archive uploaded = upload(request, archive, location);
      store.put(location.manifestKey(), manifest.completed(clock.instant().toString(), uploaded).toJson());
      RunReport.Snapshot snapshot =
          new RunReport.Snapshot(location, uploaded.sizeBytes(), uploaded.sha256(), request.sourcePod());
      return RunReport.succeeded(request.runId(), clock.instant(), snapshot, Optional.of(applyRetention(request, location)));
    } catch (ObjectStoreException e) {
      return RunReport.failed(request.runId(), clock.instant(), storeFailure(e, destination));
    } catch (ArchiveException e) {
      return RunReport.failed(request.runId(), clock.instant(),
          new RunReport.Failure("ArchiveFailed", "reading the snapshot of " + request.sourcePod() + ": "
              + e.getMessage(), true));
    }
  }

  private SnapshotManifest.Archive upload(RunRequest request, Archive archive, SnapshotLocation location) {
    try (HashingInputStream hashing = new HashingInputStream(new FailureMarking(archive.open()))) {
      long size = store.put(location.archiveKey(), hashing);
      return new SnapshotManifest.Archive(SnapshotLayout.ARCHIVE, size, hashing.sha256Hex());
    } catch (IOException e) {
      throw new ArchiveException(e.getMessage());
    } catch (ObjectStoreException e) {
      // the store wraps a failed read of its input; the archive, not the store, failed
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof ArchiveReadException read) {
          throw new ArchiveException(read.getCause().getMessage());
        }
      }
      throw e;
    }
  }

  private RunReport.Cleanup applyRetention(RunRequest request, SnapshotLocation written) {
    Instant now = clock.instant();
    String clusterPrefix =
        SnapshotLayout.clusterPrefix(request.destination(), request.namespace(), request.clusterName());
    List<String> deleted = new ArrayList<>();
    try {
      List<StoredObject> listing = store.list(clusterPrefix);
      List<String> expired =
          RetentionDecision.expiredFolders(listing, clusterPrefix, now, request.retentionDays(), written.folder());
      for (String folder : expired) {
        if (ownedBy(folder, request.backupName())) {
          store.delete(RetentionDecision.keysToDelete(listing, List.of(folder)));
          deleted.add(folder);
        }
      }
      return new RunReport.Cleanup(now, deleted, Optional.empty());
    } catch (ObjectStoreException e) {
      return new RunReport.Cleanup(now, deleted, Optional.of(e.getMessage()));
    }
  }

  private boolean ownedBy(String folder, String backupName) {
    try (InputStream in = store.get(folder + SnapshotLayout.MANIFEST)) {
      return SnapshotManifest.parse(in.readNBytes(1 << 20))
          .map(m -> m.backup().equals(backupName))
          .orElse(false);
    } catch (ObjectStoreException e) {
      if (e.reason() == ObjectStoreException.Reason.NOT_FOUND) {
        return false; // not written by this operator: never ours to delete
      }
      throw e;
    } catch (IOException e) {
      throw new ObjectStoreException(ObjectStoreException.Reason.UNAVAILABLE, "reading " + folder + ": " + e, e);
    }
  }

  /** The failure a refused or unavailable store means for the run, naming what to fix. */
  static RunReport.Failure storeFailure(ObjectStoreException e, S3Settings destination) {
    String bucket = destination.bucket();
    return switch (e.reason()) {
      case ACCESS_DENIED ->
          new RunReport.Failure(
              "AccessDenied",
              "the object store refused access to bucket " + bucket + ": "
                  + destination
                      .credentialsSecretName()
                      .map(s -> "check keys " + S3Settings.ACCESS_KEY_ID_KEY + " and " + S3Settings.SECRET_ACCESS_KEY_KEY
                          + " in Secret " + s)
                      .orElse("no credentialsSecretName is set; set one or grant the backup pod access")
                  + " (" + e.getMessage() + ")",
              false);
      case NO_SUCH_BUCKET ->
          new RunReport.Failure(
              "BucketNotFound",
              "bucket " + bucket + " does not exist" + destination.endpoint().map(ep -> " at " + ep).orElse("")
                  + ": create it or fix spec.destination.s3.bucket",
              false);
      case UNAVAILABLE ->
          new RunReport.Failure("ObjectStoreUnavailable", "object store unavailable: " + e.getMessage(), true);
      case NOT_FOUND, OTHER ->
          new RunReport.Failure("ObjectStoreError", "object store error: " + e.getMessage(), false);
    };
  }

  /** Reading the archive failed (the tar of the backup directory, not the store). */
  private static final class ArchiveException extends RuntimeException {
    ArchiveException(String message) {
      super(message, null, false, false);
    }
  }

  /** Marks a read failure of the archive, so it is told apart from the store's own after the store wrapped it. */
  private static final class ArchiveReadException extends IOException {
    ArchiveReadException(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private static final class FailureMarking extends java.io.FilterInputStream {
    FailureMarking(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (ArchiveReadException e) {
        throw e;
      } catch (IOException e) {
        throw new ArchiveReadException(e);
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        return in.read(buffer, offset, length);
      } catch (ArchiveReadException e) {
        throw e;
      } catch (IOException e) {
        throw new ArchiveReadException(e);
      }
    }
  }
}
