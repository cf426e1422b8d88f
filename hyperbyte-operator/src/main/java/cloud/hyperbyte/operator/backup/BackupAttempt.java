package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.reconcile.backup.BackupRunner;
import cloud.hyperbyte.reconcile.backup.ObjectStore;
import cloud.hyperbyte.reconcile.backup.ObjectStoreFactory;
import cloud.hyperbyte.reconcile.backup.PodExec;
import cloud.hyperbyte.reconcile.backup.RunReport;
import cloud.hyperbyte.reconcile.backup.RunRequest;
import cloud.hyperbyte.reconcile.backup.S3Credentials;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One backup attempt as a worker runs it: credentials from the Secret, the destination's store,
 * {@link BackupRunner} (exec → S3 stream), store closed. Never throws: anything unexpected becomes a
 * transient failure, so the decision retries it with backoff.
 */
public final class BackupAttempt implements Function<RunRequest, RunReport> {

  private static final Logger LOG = LoggerFactory.getLogger(BackupAttempt.class);

  private final SecretCredentials credentials;
  private final ObjectStoreFactory stores;
  private final PodExec exec;
  private final Clock clock;
  private final Duration commandTimeout;

  /**
   * @param commandTimeout bound for each command in the member once its output is read (see {@link
   *     BackupRunner})
   */
  public BackupAttempt(
      SecretCredentials credentials, ObjectStoreFactory stores, PodExec exec, Clock clock, Duration commandTimeout) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.stores = Objects.requireNonNull(stores, "stores");
    this.exec = Objects.requireNonNull(exec, "exec");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.commandTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
  }

  @Override
  public RunReport apply(RunRequest request) {
    Optional<S3Credentials> secret;
    try {
      secret = credentials.read(request.namespace(), request.destination());
    } catch (SecretCredentials.MissingCredentialsException e) {
      return RunReport.failed(request.runId(), clock.instant(),
          new RunReport.Failure("CredentialsNotFound", e.getMessage(), false));
    } catch (RuntimeException e) {
      return unexpected(request, "reading the credentials Secret", e);
    }
    ObjectStore store = null;
    try {
      store = stores.open(request.destination(), secret);
      return new BackupRunner(exec, store, clock, commandTimeout).run(request);
    } catch (RuntimeException e) {
      return unexpected(request, "backup attempt", e);
    } finally {
      if (store instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          LOG.debug("closing the object store of {}: {}", request.backupName(), e.toString());
        }
      }
    }
  }

  private RunReport unexpected(RunRequest request, String what, RuntimeException e) {
    LOG.warn("{} of {}/{} failed unexpectedly", what, request.namespace(), request.backupName(), e);
    return RunReport.failed(request.runId(), clock.instant(),
        new RunReport.Failure("UnexpectedError", what + " failed: " + e, true));
  }
}
