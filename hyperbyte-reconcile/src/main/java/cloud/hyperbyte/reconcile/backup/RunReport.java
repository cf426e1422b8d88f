package cloud.hyperbyte.reconcile.backup;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one attempt: a snapshot or a failure, and what retention did.
 *
 * @param runId the request's id
 * @param finishedAt when the attempt ended
 * @param snapshot the complete snapshot, on success
 * @param failure why the attempt failed, otherwise
 * @param cleanup retention after a successful upload (its failure does not fail the run)
 */
public record RunReport(
    String runId, Instant finishedAt, Optional<Snapshot> snapshot, Optional<Failure> failure, Optional<Cleanup> cleanup) {

  /** A complete snapshot: where, how big, its archive checksum, and the member it came from. */
  public record Snapshot(SnapshotLocation location, long sizeBytes, String sha256, String sourcePod) {
    public Snapshot {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(sha256, "sha256");
      Objects.requireNonNull(sourcePod, "sourcePod");
    }
  }

  /**
   * A failed attempt.
   *
   * @param reason CamelCase condition reason, e.g. {@code AccessDenied}
   * @param message what went wrong and what to do, for a person
   * @param transientFailure whether another attempt may succeed
   */
  public record Failure(String reason, String message, boolean transientFailure) {
    public Failure {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  /** Retention: when it ran, which snapshot folders it deleted, and its error if it failed. */
  public record Cleanup(Instant at, List<String> deletedFolders, Optional<String> error) {
    public Cleanup {
      Objects.requireNonNull(at, "at");
      deletedFolders = List.copyOf(deletedFolders);
      Objects.requireNonNull(error, "error");
    }
  }

  public RunReport {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(cleanup, "cleanup");
    if (snapshot.isPresent() == failure.isPresent()) {
      throw new IllegalArgumentException("a report has either a snapshot or a failure");
    }
  }

  public static RunReport succeeded(String runId, Instant at, Snapshot snapshot, Optional<Cleanup> cleanup) {
    return new RunReport(runId, at, Optional.of(snapshot), Optional.empty(), cleanup);
  }

  public static RunReport failed(String runId, Instant at, Failure failure) {
    return new RunReport(runId, at, Optional.empty(), Optional.of(failure), Optional.empty());
  }
}
