package cloud.hyperbyte.reconcile.backup;

import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.model.spec.Validated;
import cloud.hyperbyte.model.v1alpha1.BackupRun;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackupStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The backup lifecycle as a pure function of what was observed and the injected clock.
 *
 * <p>One-shot: {@code Pending → Running → Completed | Failed}. A run is a series of attempts, each a
 * backup pod: a transient failure (object store unavailable, the hot backup tripping over a chDB
 * merge, the pod evicted, deleted or past its deadline) keeps the phase {@code Running}
 * with a {@code Retrying} condition and starts the next attempt after an exponential backoff,
 * until {@link RetryPolicy#maxAttempts()}; a permanent failure (bucket missing, access denied,
 * cluster missing, a ReadWriteOncePod volume no second pod can mount) fails at once. An operator
 * restart does not interrupt an attempt: its pod runs on and is observed by the next operator. Scheduled backups run the same way at each slot of their cron
 * schedule (see {@link SchedulePolicy} for the missed-run policy), never two at a time, and keep a
 * bounded history. An invalid spec is reported (phase Failed, {@code Ready=False InvalidSpec}) and
 * nothing runs until it is fixed.
 */
public final class BackupDecision {

  public static final String PENDING = "Pending";
  public static final String RUNNING = "Running";
  public static final String COMPLETED = "Completed";
  public static final String FAILED = "Failed";
  /** History phase of a slot that passed without a run. */
  public static final String MISSED = "Missed";

  public static final String READY = "Ready";
  public static final String COMPLETE = "Complete";
  public static final String SCHEDULED = "Scheduled";
  public static final String RETRYING = "Retrying";

  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String CLUSTER_NOT_FOUND = "ClusterNotFound";
  public static final String SOURCE_UNAVAILABLE = "BackupSourceUnavailable";
  public static final String INTERRUPTED = "Interrupted";
  public static final String VOLUME_NOT_SHAREABLE = "VolumeNotShareable";

  private final Clock clock;
  private final RetryPolicy retry;
  private final SchedulePolicy schedulePolicy;

  public BackupDecision(Clock clock, RetryPolicy retry, SchedulePolicy schedulePolicy) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retry = Objects.requireNonNull(retry, "retry");
    this.schedulePolicy = Objects.requireNonNull(schedulePolicy, "schedulePolicy");
  }

  /** Decides the next step for one backup. */
  public BackupPlan decide(BackupObservation observed) {
    return new Pass(observed, clock.instant()).decide();
  }

  /** Identifies attempt {@code attempts} of the run started at {@code startTime}. */
  public static String runId(String startTime, int attempts) {
    return startTime + "#" + attempts;
  }

  /** One decision: a mutable working copy of the status and what to do. */
  private final class Pass {
    private final BackupObservation observed;
    private final HyperbytedbBackup backup;
    private final Instant now;
    private final HyperbytedbBackupStatus status;
    private final StatusConditions conditions;
    private final List<ResourceEvent> events = new ArrayList<>();
    private Optional<RunRequest> start = Optional.empty();
    private Optional<Instant> requeueAt = Optional.empty();

    Pass(BackupObservation observed, Instant now) {
      this.observed = observed;
      this.backup = observed.backup();
      this.now = now;
      this.status = copy(backup.getStatus());
      long generation = generation();
      this.conditions = StatusConditions.of(status.getConditions(), generation);
      status.setObservedGeneration(generation);
    }

    BackupPlan decide() {
      Validated<BackupSettings> checked = BackupSpecCheck.check(backup.getSpec());
      if (checked.value().isEmpty()) {
        reject(checked.errors());
      } else {
        BackupSettings settings = checked.value().get();
        if (invalidBefore()) {
          // the spec was fixed: forget the rejection
          conditions.remove(READY);
          if (settings.schedule().isEmpty()) {
            status.setPhase(PENDING);
          } else {
            status.setPhase(lastRunPhase());
          }
        }
        if (RUNNING.equals(status.getPhase())) {
          progress(settings);
        } else if (settings.schedule().isEmpty()) {
          if (status.getPhase() == null || PENDING.equals(status.getPhase())) {
            startRun(settings, now);
          }
        }
        if (settings.schedule().isPresent() && !RUNNING.equals(status.getPhase())) {
          schedule(settings, settings.schedule().get());
        }
        if (settings.schedule().isPresent() && status.getNextScheduleTime() != null) {
          Instant next = Instant.parse(status.getNextScheduleTime());
          requeueAt = Optional.of(requeueAt.filter(r -> r.isBefore(next)).orElse(next));
        }
      }
      if (status.getPhase() == null) {
        status.setPhase(PENDING);
      }
      status.setConditions(conditions.toList());
      return new BackupPlan(status, start, events, requeueAt);
    }

    private void reject(List<Problem> errors) {
      String message = errors.stream().map(Problem::describe).collect(Collectors.joining("; "));
      boolean alreadyReported =
          conditions.get(READY).map(c -> INVALID_SPEC.equals(c.getReason()) && message.equals(c.getMessage()))
              .orElse(false);
      status.setPhase(FAILED);
      conditions.set(READY, false, INVALID_SPEC, message, now);
      conditions.remove(RETRYING);
      if (!alreadyReported) {
        events.add(ResourceEvent.warning(INVALID_SPEC, message));
      }
    }

    private boolean invalidBefore() {
      return FAILED.equals(status.getPhase())
          && conditions.get(READY).map(c -> INVALID_SPEC.equals(c.getReason())).orElse(false);
    }

    // ---- a run and its attempts ----

    private void startRun(BackupSettings settings, Instant scheduledTime) {
      status.setPhase(RUNNING);
      status.setStartTime(now.toString());
      status.setCompletionTime(null);
      status.setAttempts(0);
      conditions.remove(RETRYING);
      conditions.set(COMPLETE, false, "Running", "backup run started", now);
      if (observed.cluster().isEmpty()) {
        finishFailed(
            new RunReport.Failure(
                CLUSTER_NOT_FOUND,
                "HyperbytedbCluster " + settings.clusterName() + " not found in namespace " + namespace(),
                false),
            now,
            scheduledTime);
        return;
      }
      events.add(ResourceEvent.normal("BackupStarted", "backup of cluster " + settings.clusterName() + " started"));
      nextAttempt(settings, scheduledTime);
    }

    private void nextAttempt(BackupSettings settings, Instant scheduledTime) {
      int attempt = attempts() + 1;
      status.setAttempts(attempt);
      conditions.remove(RETRYING);
      BackupObservation.ClusterView cluster = observed.cluster().orElseThrow();
      Optional<BackupSourceSelector.Member> source = BackupSourceSelector.choose(cluster.members());
      if (source.isEmpty()) {
        failAttempt(
            settings,
            new RunReport.Failure(
                SOURCE_UNAVAILABLE,
                "no healthy member of cluster " + settings.clusterName() + " to take the snapshot from",
                true),
            now);
        return;
      }
      status.setSourcePod(source.get().pod());
      if (cluster.volumeNotShareable().isPresent()) {
        finishFailed(new RunReport.Failure(VOLUME_NOT_SHAREABLE, cluster.volumeNotShareable().get(), false), now,
            scheduledTime);
        return;
      }
      start =
          Optional.of(
              new RunRequest(
                  runId(status.getStartTime(), attempt),
                  namespace(),
                  backup.getMetadata().getName(),
                  settings.clusterName(),
                  source.get().pod(),
                  cluster.members().stream().map(BackupSourceSelector.Member::pod).toList(),
                  cluster.serverVersion(),
                  settings.destination(),
                  settings.retentionDays(),
                  scheduledTime));
    }

    private void progress(BackupSettings settings) {
      // a failure already recorded: its pod may still be there (kept for its logs), its report is not news
      Optional<Condition> retrying = conditions.get(RETRYING).filter(c -> "True".equals(c.getStatus()));
      if (retrying.isPresent()) {
        Instant failedAt = Instant.parse(retrying.get().getLastTransitionTime());
        Instant retryAt = failedAt.plus(retry.backoffAfter(attempts()));
        if (!now.isBefore(retryAt)) {
          if (observed.cluster().isEmpty()) {
            finishFailed(
                new RunReport.Failure(
                    CLUSTER_NOT_FOUND,
                    "HyperbytedbCluster " + settings.clusterName() + " not found in namespace " + namespace(),
                    false),
                now,
                scheduledTime());
          } else {
            nextAttempt(settings, scheduledTime());
          }
        } else {
          requeueAt = Optional.of(retryAt);
        }
        return;
      }
      String runId = runId(status.getStartTime(), attempts());
      Optional<RunReport> report = observed.report().filter(r -> r.runId().equals(runId));
      if (report.isPresent()) {
        RunReport r = report.get();
        if (r.snapshot().isPresent()) {
          finishSucceeded(r, r.snapshot().get());
        } else {
          failAttempt(settings, r.failure().orElseThrow(), r.finishedAt());
        }
        return;
      }
      if (observed.runInFlight()) {
        return; // the pod's end is a watch event
      }
      failAttempt(
          settings,
          new RunReport.Failure(
              INTERRUPTED,
              "the pod of attempt " + attempts() + " is gone (deleted, or the operator stopped before creating it); "
                  + "a partial snapshot is never restored and expires with retention",
              true),
          now);
    }

    private void failAttempt(BackupSettings settings, RunReport.Failure failure, Instant at) {
      int attempt = Math.max(1, attempts());
      if (failure.transientFailure() && retry.mayRetryAfter(attempt)) {
        Instant retryAt = at.plus(retry.backoffAfter(attempt));
        String message =
            "attempt " + attempt + " of " + retry.maxAttempts() + " failed: " + failure.message()
                + "; next attempt at " + retryAt;
        conditions.setAt(RETRYING, true, failure.reason(), message, at);
        events.add(ResourceEvent.warning("BackupRetrying", message));
        requeueAt = Optional.of(retryAt);
        return;
      }
      String message =
          failure.transientFailure()
              ? "gave up after " + attempt + " attempts: " + failure.message()
              : failure.message();
      finishFailed(new RunReport.Failure(failure.reason(), message, false), at, scheduledTime());
    }

    private void finishFailed(RunReport.Failure failure, Instant at, Instant scheduledTime) {
      status.setPhase(FAILED);
      status.setCompletionTime(at.toString());
      conditions.remove(RETRYING);
      conditions.set(READY, false, failure.reason(), failure.message(), at);
      conditions.set(COMPLETE, false, failure.reason(), failure.message(), at);
      BackupRun run = run(scheduledTime);
      run.setCompletionTime(at.toString());
      run.setPhase(FAILED);
      run.setMessage(failure.reason() + ": " + failure.message());
      addHistory(run);
      events.add(ResourceEvent.warning("BackupFailed", failure.message()));
    }

    private void finishSucceeded(RunReport report, RunReport.Snapshot snapshot) {
      Instant at = report.finishedAt();
      String size = HumanSize.of(snapshot.sizeBytes());
      status.setPhase(COMPLETED);
      status.setCompletionTime(at.toString());
      status.setBackupPath(snapshot.location().uri());
      status.setBackupSize(size);
      status.setBackupSizeBytes(snapshot.sizeBytes());
      status.setSourcePod(snapshot.sourcePod());
      conditions.remove(RETRYING);
      String message =
          "snapshot " + snapshot.location().uri() + " (" + size + ") taken from " + snapshot.sourcePod()
              + "; consistency: best effort (hot backup)";
      conditions.set(READY, true, "BackupSucceeded", message, at);
      conditions.set(COMPLETE, true, "BackupSucceeded", message, at);
      BackupRun run = run(scheduledTime());
      run.setCompletionTime(at.toString());
      run.setPhase(COMPLETED);
      run.setBackupPath(snapshot.location().uri());
      run.setSizeBytes(snapshot.sizeBytes());
      addHistory(run);
      events.add(ResourceEvent.normal("BackupCompleted", message));
      report
          .cleanup()
          .ifPresent(
              cleanup -> {
                status.setLastCleanupTime(cleanup.at().toString());
                if (!cleanup.deletedFolders().isEmpty()) {
                  events.add(
                      ResourceEvent.normal(
                          "RetentionApplied",
                          "deleted " + cleanup.deletedFolders().size() + " snapshot(s) of this backup older than "
                              + BackupSpecCheck.check(backup.getSpec()).value().map(BackupSettings::retentionDays)
                                  .orElse(BackupSpecCheck.DEFAULT_RETENTION_DAYS)
                              + " days: " + String.join(", ", cleanup.deletedFolders())));
                }
                cleanup
                    .error()
                    .ifPresent(e -> events.add(ResourceEvent.warning("RetentionFailed", "retention failed: " + e)));
              });
    }

    private BackupRun run(Instant scheduledTime) {
      BackupRun run = new BackupRun();
      run.setScheduledTime(scheduledTime.toString());
      run.setStartTime(status.getStartTime());
      return run;
    }

    // ---- schedule ----

    private void schedule(BackupSettings settings, CronSchedule cron) {
      Instant reference = lastScheduled().orElseGet(this::createdAt);
      Optional<Instant> latest = cron.latestAtOrBefore(now).filter(slot -> slot.isAfter(reference));
      if (latest.isPresent()) {
        Instant slot = latest.get();
        status.setLastScheduleTime(slot.toString());
        Duration late = Duration.between(slot, now);
        if (late.compareTo(schedulePolicy.startingDeadline()) <= 0) {
          startRun(settings, slot);
        } else {
          BackupRun missed = new BackupRun();
          missed.setScheduledTime(slot.toString());
          missed.setPhase(MISSED);
          String message =
              "slot " + slot + " found " + late.toMinutes() + " min late (operator unavailable or a run still in"
                  + " progress), past the starting deadline of " + schedulePolicy.startingDeadline().toMinutes()
                  + " min; skipped, later slots run as scheduled";
          missed.setMessage(message);
          addHistory(missed);
          events.add(ResourceEvent.warning("ScheduleMissed", message));
        }
      }
      Instant after = lastScheduled().filter(t -> t.isAfter(now)).orElse(now);
      Optional<Instant> next = cron.next(after);
      status.setNextScheduleTime(next.map(Instant::toString).orElse(null));
      conditions.set(
          SCHEDULED,
          next.isPresent(),
          next.isPresent() ? "Scheduled" : "NoFutureSlot",
          next.map(t -> "next run at " + t + " (\"" + cron.expression() + "\", UTC)")
              .orElse("\"" + cron.expression() + "\" matches no future time"),
          now);
      if (status.getPhase() == null) {
        status.setPhase(PENDING);
      }
    }

    // ---- status helpers ----

    private void addHistory(BackupRun run) {
      List<BackupRun> history = new ArrayList<>();
      history.add(run);
      if (status.getHistory() != null) {
        history.addAll(status.getHistory());
      }
      status.setHistory(List.copyOf(history.subList(0, Math.min(history.size(), schedulePolicy.historyLimit()))));
    }

    private String lastRunPhase() {
      if (status.getHistory() == null) {
        return PENDING;
      }
      return status.getHistory().stream()
          .map(BackupRun::getPhase)
          .filter(p -> COMPLETED.equals(p) || FAILED.equals(p))
          .findFirst()
          .orElse(PENDING);
    }

    private Instant scheduledTime() {
      return lastScheduled().filter(t -> !t.isAfter(startTime())).orElse(startTime());
    }

    private Instant startTime() {
      return status.getStartTime() == null ? now : Instant.parse(status.getStartTime());
    }

    private Optional<Instant> lastScheduled() {
      return Optional.ofNullable(status.getLastScheduleTime()).map(Instant::parse);
    }

    private Instant createdAt() {
      String created = backup.getMetadata().getCreationTimestamp();
      return created == null ? now : Instant.parse(created);
    }

    private int attempts() {
      return status.getAttempts() == null ? 0 : status.getAttempts();
    }

    private long generation() {
      Long generation = backup.getMetadata().getGeneration();
      return generation == null ? 0 : generation;
    }

    private String namespace() {
      return backup.getMetadata().getNamespace();
    }
  }

  private static HyperbytedbBackupStatus copy(HyperbytedbBackupStatus from) {
    HyperbytedbBackupStatus to = new HyperbytedbBackupStatus();
    if (from == null) {
      return to;
    }
    to.setPhase(from.getPhase());
    to.setObservedGeneration(from.getObservedGeneration());
    to.setStartTime(from.getStartTime());
    to.setCompletionTime(from.getCompletionTime());
    to.setBackupSize(from.getBackupSize());
    to.setBackupSizeBytes(from.getBackupSizeBytes());
    to.setBackupPath(from.getBackupPath());
    to.setLastScheduleTime(from.getLastScheduleTime());
    to.setNextScheduleTime(from.getNextScheduleTime());
    to.setLastCleanupTime(from.getLastCleanupTime());
    to.setAttempts(from.getAttempts());
    to.setSourcePod(from.getSourcePod());
    to.setHistory(from.getHistory() == null ? null : List.copyOf(from.getHistory()));
    to.setConditions(from.getConditions());
    return to;
  }
}
