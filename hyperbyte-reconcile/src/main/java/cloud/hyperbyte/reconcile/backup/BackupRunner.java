package cloud.hyperbyte.reconcile.backup;

import cloud.hyperbyte.render.workload.DatabasePodTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Carries out one backup attempt (the data path). It runs in a worker of the operator process,
 * not in the reconcile loop, and never throws: every failure becomes a {@link RunReport.Failure}.
 *
 * <ol>
 *   <li>Write {@code manifest.json} with state {@code uploading} (checks bucket and credentials
 *       before any work on the member, and names the owner of a snapshot even if it is cut short).
 *   <li>Exec {@code hyperbytedb backup} in the source member into a scratch directory on its own
 *       volume. This works with ReadWriteOnce volumes while the member serves: nothing else mounts
 *       the volume.
 *   <li>Exec {@code tar -cf -} there and stream its stdout through the operator straight into a
 *       multipart upload of {@code backup.tar}, hashing it on the way. The operator holds one part
 *       buffer, whatever the backup size.
 *   <li>Rewrite {@code manifest.json} as {@code complete} with size and SHA-256.
 *   <li>Remove the scratch directory (also on failure), then apply retention.
 * </ol>
 *
 * <p>Consistency is best effort (contract §5.2): RocksDB checkpoints are point in time, but the
 * chDB directory is copied file by file while merges run, so a hot backup is not crash-consistent
 * and can fail with a vanished file; such failures are transient and retried.
 */
public final class BackupRunner {

  private final PodExec exec;
  private final ObjectStore store;
  private final Clock clock;
  private final Duration commandTimeout;

  /**
   * @param exec exec into member pods
   * @param store the destination's bucket
   * @param clock time of manifests and reports
   * @param commandTimeout bound for each command in the member (the backup itself, the tar stream)
   */
  public BackupRunner(PodExec exec, ObjectStore store, Clock clock, Duration commandTimeout) {
    this.exec = Objects.requireNonNull(exec, "exec");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.commandTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
  }

  /** Runs the attempt and reports; never throws for an expected failure. */
  public RunReport run(RunRequest request) {
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
      runToCompletion(request, "snapshot", BackupCommands.takeSnapshot(request), "ServerBackupFailed");
      SnapshotManifest.Archive archive = uploadArchive(request, location);
      store.put(location.manifestKey(), manifest.completed(clock.instant().toString(), archive).toJson());
      removeScratch(request);
      RunReport.Snapshot snapshot =
          new RunReport.Snapshot(location, archive.sizeBytes(), archive.sha256(), request.sourcePod());
      Optional<RunReport.Cleanup> cleanup = Optional.of(applyRetention(request, location));
      return RunReport.succeeded(request.runId(), clock.instant(), snapshot, cleanup);
    } catch (ObjectStoreException e) {
      removeScratch(request);
      return RunReport.failed(request.runId(), clock.instant(), storeFailure(e, destination));
    } catch (PodExecException e) {
      removeScratch(request);
      return RunReport.failed(
          request.runId(),
          clock.instant(),
          new RunReport.Failure(
              "ExecFailed", "exec in member " + request.sourcePod() + " failed: " + e.getMessage(), true));
    } catch (CommandFailedException e) {
      removeScratch(request);
      return RunReport.failed(request.runId(), clock.instant(), e.failure);
    }
  }

  private SnapshotManifest.Archive uploadArchive(RunRequest request, SnapshotLocation location) {
    try (RemoteProcess tar = start(request, BackupCommands.streamArchive(request));
        HashingInputStream hashing = new HashingInputStream(tar.stdout())) {
      long size = store.put(location.archiveKey(), hashing);
      int exit = tar.awaitExit(commandTimeout);
      if (exit != 0) {
        store.delete(List.of(location.archiveKey()));
        throw new CommandFailedException(
            new RunReport.Failure(
                "ArchiveFailed",
                "tar of the snapshot in " + request.sourcePod() + " exited with " + exit + ": " + tar.stderrTail(),
                true));
      }
      return new SnapshotManifest.Archive(SnapshotLayout.ARCHIVE, size, hashing.sha256Hex());
    } catch (IOException e) {
      throw new PodExecException("reading the archive stream: " + e.getMessage(), e);
    }
  }

  private void runToCompletion(RunRequest request, String what, List<String> command, String reason) {
    try (RemoteProcess process = start(request, command)) {
      // the server logs to stdout; drain it so the remote side never blocks on a full pipe
      process.stdout().transferTo(java.io.OutputStream.nullOutputStream());
      int exit = process.awaitExit(commandTimeout);
      if (exit != 0) {
        throw new CommandFailedException(
            new RunReport.Failure(
                reason,
                what + " in member " + request.sourcePod() + " exited with " + exit + ": " + process.stderrTail(),
                true));
      }
    } catch (IOException e) {
      throw new PodExecException(what + " output: " + e.getMessage(), e);
    }
  }

  private RemoteProcess start(RunRequest request, List<String> command) {
    return exec.start(request.namespace(), request.sourcePod(), DatabasePodTemplate.CONTAINER, command);
  }

  private void removeScratch(RunRequest request) {
    try {
      runToCompletion(request, "scratch removal", BackupCommands.removeScratch(request), "CleanupFailed");
    } catch (RuntimeException e) {
      // best effort: the next attempt of this backup removes it before it starts
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
      List<String> owned = new ArrayList<>();
      for (String folder : expired) {
        if (ownedBy(folder, request.backupName())) {
          owned.add(folder);
        }
      }
      for (String folder : owned) {
        store.delete(RetentionDecision.keysToDelete(listing, List.of(folder)));
        deleted.add(folder);
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
                      .orElse("no credentialsSecretName is set; set one or grant the operator access")
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

  /** A command in the member that exited non-zero. */
  private static final class CommandFailedException extends RuntimeException {
    private final RunReport.Failure failure;

    CommandFailedException(RunReport.Failure failure) {
      super(failure.message(), null, false, false);
      this.failure = failure;
    }
  }
}
