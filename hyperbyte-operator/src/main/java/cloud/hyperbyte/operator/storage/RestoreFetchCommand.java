package cloud.hyperbyte.operator.storage;

import cloud.hyperbyte.reconcile.backup.ObjectStoreFactory;
import cloud.hyperbyte.reconcile.backup.S3Credentials;
import cloud.hyperbyte.reconcile.backup.ObjectStore;
import cloud.hyperbyte.reconcile.backup.ObjectStoreException;
import cloud.hyperbyte.reconcile.restore.RestoreFetchArgs;
import java.io.IOException;
import java.io.PrintStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code hyperbyte restore-fetch …}: the restore pod's init container (contract in {@link
 * RestoreFetchArgs}). The CLI hands over its arguments and environment; the exit code is 0 when the
 * snapshot was fetched and verified, {@link RestoreFetchArgs#EXIT_USAGE} for bad arguments, {@link
 * RestoreFetchArgs#EXIT_TRANSIENT} when the object store was unavailable (the restore tries again
 * with a new pod), {@link RestoreFetchArgs#EXIT_FAILED} for anything else, with the reason on stderr
 * and in the termination log so {@code kubectl describe} and the restore's status show it.
 */
public final class RestoreFetchCommand {

  /** Where Kubernetes reads a container's termination message. */
  public static final Path TERMINATION_LOG = Path.of("/dev/termination-log");

  private final ObjectStoreFactory stores;

  public RestoreFetchCommand(ObjectStoreFactory stores) {
    this.stores = stores;
  }

  /** Runs the fetch; never throws. */
  public int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err, Path terminationLog) {
    RestoreFetchArgs parsed;
    try {
      parsed = RestoreFetchArgs.parse(args);
    } catch (IllegalArgumentException e) {
      return fail(err, terminationLog, RestoreFetchArgs.EXIT_USAGE, "restore-fetch: " + e.getMessage());
    }
    Optional<S3Credentials> credentials =
        Optional.ofNullable(env.get(RestoreFetchArgs.ACCESS_KEY_ENV))
            .filter(id -> !id.isBlank())
            .map(id -> new S3Credentials(id, env.getOrDefault(RestoreFetchArgs.SECRET_KEY_ENV, "")));
    ObjectStore store = stores.open(parsed.settings(), credentials);
    try {
      SnapshotFetch.Result result = new SnapshotFetch(store).fetch(parsed.snapshot(), Path.of(parsed.output()));
      out.println("fetched " + parsed.snapshot().uri() + ": " + result.archiveBytes() + " bytes, sha256 "
          + result.sha256() + ", " + result.entries() + " entries");
      return 0;
    } catch (SnapshotFetch.FetchException | RuntimeException e) {
      return fail(err, terminationLog, transientFailure(e) ? RestoreFetchArgs.EXIT_TRANSIENT : RestoreFetchArgs.EXIT_FAILED,
          "restore-fetch: " + e.getMessage());
    } finally {
      if (store instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // exiting anyway
        }
      }
    }
  }

  /**
   * Whether another attempt may succeed: the object store was unavailable (its own classification),
   * or the connection broke or timed out mid-stream. A missing, incomplete or corrupt snapshot, a
   * refused credential and a full disk are final.
   */
  static boolean transientFailure(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ObjectStoreException store) {
        return store.reason().transientFailure();
      }
      if (cause instanceof SocketException || cause instanceof SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }

  private static int fail(PrintStream err, Path terminationLog, int code, String message) {
    err.println(message);
    try {
      if (terminationLog != null && Files.isWritable(terminationLog)) {
        Files.writeString(terminationLog, message, StandardCharsets.UTF_8);
      }
    } catch (IOException ignored) {
      // stderr has it
    }
    return code;
  }
}
