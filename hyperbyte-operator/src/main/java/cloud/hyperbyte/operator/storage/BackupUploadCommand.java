package cloud.hyperbyte.operator.storage;

import cloud.hyperbyte.reconcile.backup.BackupUploadArgs;
import cloud.hyperbyte.reconcile.backup.ObjectStore;
import cloud.hyperbyte.reconcile.backup.ObjectStoreException;
import cloud.hyperbyte.reconcile.backup.ObjectStoreFactory;
import cloud.hyperbyte.reconcile.backup.RunReport;
import cloud.hyperbyte.reconcile.backup.S3Credentials;
import cloud.hyperbyte.reconcile.backup.SnapshotUpload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The work of {@code hyperbyte backup-upload} (contract in {@link BackupUploadArgs}): opens the
 * store with the credentials of the environment, streams the server's backup directory as a tar
 * ({@link DirectoryTar}) through {@link SnapshotUpload}, and removes the attempt's scratch
 * directory whatever happened, so the member volume never keeps a copy of its data. The command
 * line parses the arguments and reports the outcome.
 */
public final class BackupUploadCommand {

  private final ObjectStoreFactory stores;
  private final Clock clock;

  public BackupUploadCommand(ObjectStoreFactory stores, Clock clock) {
    this.stores = stores;
    this.clock = clock;
  }

  /**
   * Uploads and reports; never throws for an expected failure.
   *
   * @param files a path as the container names it, on this machine
   */
  public RunReport run(BackupUploadArgs args, Map<String, String> env, Function<String, Path> files) {
    Optional<S3Credentials> credentials =
        Optional.ofNullable(env.get(BackupUploadArgs.ACCESS_KEY_ENV))
            .filter(id -> !id.isBlank())
            .map(id -> new S3Credentials(id, env.getOrDefault(BackupUploadArgs.SECRET_KEY_ENV, "")));
    Path snapshot = files.apply(args.snapshotDir());
    ObjectStore store = null;
    try {
      if (!Files.isDirectory(snapshot)) {
        return RunReport.failed(args.run().runId(), clock.instant(), new RunReport.Failure("ServerBackupFailed",
            "the server's backup directory " + args.snapshotDir() + " does not exist", true));
      }
      store = stores.open(args.run().destination(), credentials);
      return new SnapshotUpload(store, clock).run(args.run(), () -> DirectoryTar.stream(snapshot));
    } catch (ObjectStoreException e) {
      return RunReport.failed(args.run().runId(), clock.instant(),
          new RunReport.Failure("ObjectStoreError", "opening the object store: " + e.getMessage(),
              e.reason().transientFailure()));
    } finally {
      closeQuietly(store);
      deleteTree(files.apply(args.scratchDir()));
    }
  }

  private static void closeQuietly(ObjectStore store) {
    if (store instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // exiting anyway
      }
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> tree = Files.walk(root)) {
      tree.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException e) {
      // the next attempt of this backup clears its backup's scratch before it starts
    }
  }
}
