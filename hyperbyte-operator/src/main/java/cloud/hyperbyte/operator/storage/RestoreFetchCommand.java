package cloud.hyperbyte.operator.storage;

import cloud.hyperbyte.operator.step.StepFailedException;
import cloud.hyperbyte.reconcile.backup.ObjectStore;
import cloud.hyperbyte.reconcile.backup.ObjectStoreException;
import cloud.hyperbyte.reconcile.backup.ObjectStoreFactory;
import cloud.hyperbyte.reconcile.backup.S3Credentials;
import cloud.hyperbyte.reconcile.restore.RestoreFetchArgs;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The work of {@code hyperbyte restore-fetch} (contract in {@link RestoreFetchArgs}): opens the
 * store with the credentials of the environment, then fetches and verifies the snapshot into the
 * output directory. The command line parses the arguments and reports the outcome.
 */
public final class RestoreFetchCommand {

  private final ObjectStoreFactory stores;

  public RestoreFetchCommand(ObjectStoreFactory stores) {
    this.stores = stores;
  }

  /** Why a fetch failed; the message is what the pod's termination message says. */
  public static final class FetchFailedException extends StepFailedException {
    FetchFailedException(String message, Throwable cause) {
      super(message, false, cause);
    }

    /**
     * Whether another attempt may succeed: the object store was unavailable (its own
     * classification), or the connection broke or timed out mid-stream. A missing, incomplete or
     * corrupt snapshot, a refused credential and a full disk are final.
     */
    @Override
    public boolean transientFailure() {
      for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
        if (cause instanceof ObjectStoreException store) {
          return store.reason().transientFailure();
        }
        if (cause instanceof SocketException || cause instanceof SocketTimeoutException) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Fetches the snapshot into {@code output} ({@code args.output()} as this machine sees it).
   *
   * @return the line to print on success
   * @throws FetchFailedException when the snapshot could not be fetched or did not verify
   */
  public String run(RestoreFetchArgs args, Map<String, String> env, Path output) throws FetchFailedException {
    Optional<S3Credentials> credentials =
        Optional.ofNullable(env.get(RestoreFetchArgs.ACCESS_KEY_ENV))
            .filter(id -> !id.isBlank())
            .map(id -> new S3Credentials(id, env.getOrDefault(RestoreFetchArgs.SECRET_KEY_ENV, "")));
    ObjectStore store = stores.open(args.settings(), credentials);
    try {
      SnapshotFetch.Result result = new SnapshotFetch(store).fetch(args.snapshot(), output);
      return "fetched " + args.snapshot().uri() + ": " + result.archiveBytes() + " bytes, sha256 "
          + result.sha256() + ", " + result.entries() + " entries";
    } catch (SnapshotFetch.FetchException | RuntimeException e) {
      throw new FetchFailedException(e.getMessage(), e);
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
}
