package cloud.hyperbyte.reconcile.backup;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.BackupType;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.testkit.cluster.ShiftableClock;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One-shot backups: Pending → Running → Completed/Failed, with retries of transient failures. */
class BackupDecisionTest {

  private final ShiftableClock clock = ShiftableClock.at("2026-03-01T10:00:00Z");
  private final RetryPolicy retry = new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofMinutes(5));
  private final BackupDecision decision = new BackupDecision(clock, retry, SchedulePolicy.DEFAULT);
  private final HyperbytedbBackup backup = Backups.oneShot();

  private BackupPlan decide(BackupObservation observation) {
    BackupPlan plan = decision.decide(observation);
    backup.setStatus(plan.status()); // the operator writes status before acting
    return plan;
  }

  private BackupPlan decide() {
    return decide(Backups.observe(backup));
  }

  private BackupPlan report(RunReport report) {
    return decide(new BackupObservation(backup, Optional.of(Backups.healthyCluster()), false, Optional.of(report)));
  }

  private static RunReport success(String runId, Instant at) {
    SnapshotLocation location = new SnapshotLocation("backups", "hb/prod/db/20260301T100000Z/");
    return RunReport.succeeded(runId, at, new RunReport.Snapshot(location, 1_610_612_736L, "ab12", "db-1"),
        Optional.of(new RunReport.Cleanup(at, List.of("hb/prod/db/20260201T100000Z/"), Optional.empty())));
  }

  private static Condition condition(BackupPlan plan, String type) {
    return plan.status().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
  }

  @Test
  void pendingBackupStartsARunFromAHealthyNonLeader() {
    BackupPlan plan = decide();

    assertThat(plan.status().getPhase()).isEqualTo("Running");
    assertThat(plan.status().getStartTime()).isEqualTo("2026-03-01T10:00:00Z");
    assertThat(plan.status().getAttempts()).isEqualTo(1);
    assertThat(plan.status().getSourcePod()).isEqualTo("db-1");
    RunRequest request = plan.start().orElseThrow();
    assertThat(request.sourcePod()).isEqualTo("db-1");
    assertThat(request.runId()).isEqualTo(BackupDecision.runId("2026-03-01T10:00:00Z", 1));
    assertThat(request.members()).containsExactly("db-0", "db-1", "db-2");
    assertThat(request.destination().prefix()).isEqualTo("hb");
    assertThat(request.retentionDays()).isEqualTo(7);
    assertThat(plan.events()).extracting(ResourceEvent::reason).containsExactly("BackupStarted");
  }

  @Test
  void runningAttemptInFlightChangesNothing() {
    decide();
    BackupPlan plan = decide(new BackupObservation(backup, Optional.of(Backups.healthyCluster()), true, Optional.empty()));

    assertThat(plan.status().getPhase()).isEqualTo("Running");
    assertThat(plan.start()).isEmpty();
    assertThat(plan.events()).isEmpty();
  }

  @Test
  void successfulReportCompletesWithSizePathHistoryAndCleanupTime() {
    decide();
    clock.advance(Duration.ofMinutes(3));
    BackupPlan plan = report(success(BackupDecision.runId("2026-03-01T10:00:00Z", 1), clock.instant()));

    assertThat(plan.status().getPhase()).isEqualTo("Completed");
    assertThat(plan.status().getCompletionTime()).isEqualTo("2026-03-01T10:03:00Z");
    assertThat(plan.status().getBackupSize()).isEqualTo("1.5 GiB");
    assertThat(plan.status().getBackupSizeBytes()).isEqualTo(1_610_612_736L);
    assertThat(plan.status().getBackupPath()).isEqualTo("s3://backups/hb/prod/db/20260301T100000Z/");
    assertThat(plan.status().getLastCleanupTime()).isEqualTo("2026-03-01T10:03:00Z");
    assertThat(plan.status().getHistory()).singleElement().satisfies(run -> {
      assertThat(run.getPhase()).isEqualTo("Completed");
      assertThat(run.getBackupPath()).isEqualTo("s3://backups/hb/prod/db/20260301T100000Z/");
    });
    assertThat(condition(plan, "Complete").getStatus()).isEqualTo("True");
    assertThat(condition(plan, "Ready").getMessage()).contains("best effort");
    assertThat(plan.events()).extracting(ResourceEvent::reason).containsExactly("BackupCompleted", "RetentionApplied");
  }

  @Test
  void completedOneShotNeverRunsAgain() {
    decide();
    report(success(BackupDecision.runId("2026-03-01T10:00:00Z", 1), clock.instant()));
    clock.advance(Duration.ofDays(3));

    BackupPlan plan = decide();

    assertThat(plan.status().getPhase()).isEqualTo("Completed");
    assertThat(plan.start()).isEmpty();
  }

  @Test
  void transientFailureRetriesWithExponentialBackoffUntilAttemptsRunOut() {
    decide();
    RunReport.Failure unavailable = new RunReport.Failure("ObjectStoreUnavailable", "connection refused", true);

    BackupPlan first = report(RunReport.failed(BackupDecision.runId("2026-03-01T10:00:00Z", 1), clock.instant(), unavailable));
    assertThat(first.status().getPhase()).isEqualTo("Running");
    assertThat(condition(first, "Retrying").getMessage()).contains("attempt 1 of 3 failed: connection refused");
    assertThat(first.requeueAt()).contains(Instant.parse("2026-03-01T10:00:30Z"));
    assertThat(first.start()).isEmpty();

    clock.advance(Duration.ofSeconds(29));
    assertThat(decide().start()).as("before the backoff").isEmpty();

    clock.advance(Duration.ofSeconds(1));
    BackupPlan second = decide();
    assertThat(second.start().orElseThrow().runId()).isEqualTo(BackupDecision.runId("2026-03-01T10:00:00Z", 2));
    assertThat(second.status().getAttempts()).isEqualTo(2);

    BackupPlan afterSecond =
        report(RunReport.failed(BackupDecision.runId("2026-03-01T10:00:00Z", 2), clock.instant(), unavailable));
    assertThat(afterSecond.requeueAt()).contains(clock.instant().plusSeconds(60));

    clock.advance(Duration.ofSeconds(60));
    assertThat(decide().start()).isPresent();
    BackupPlan last =
        report(RunReport.failed(BackupDecision.runId("2026-03-01T10:00:00Z", 3), clock.instant(), unavailable));

    assertThat(last.status().getPhase()).isEqualTo("Failed");
    assertThat(condition(last, "Ready").getReason()).isEqualTo("ObjectStoreUnavailable");
    assertThat(condition(last, "Ready").getMessage()).startsWith("gave up after 3 attempts");
    assertThat(last.status().getConditions()).noneMatch(c -> c.getType().equals("Retrying"));
    assertThat(last.status().getHistory()).singleElement().extracting("phase").isEqualTo("Failed");
  }

  @Test
  void permanentFailureFailsAtOnce() {
    decide();
    BackupPlan plan = report(RunReport.failed(BackupDecision.runId("2026-03-01T10:00:00Z", 1), clock.instant(),
        new RunReport.Failure("BucketNotFound", "bucket backups does not exist", false)));

    assertThat(plan.status().getPhase()).isEqualTo("Failed");
    assertThat(condition(plan, "Complete").getReason()).isEqualTo("BucketNotFound");
    assertThat(plan.events()).extracting(ResourceEvent::reason).containsExactly("BackupFailed");
  }

  @Test
  void reportOfAnotherAttemptIsIgnored() {
    decide();
    BackupPlan plan = decide(new BackupObservation(backup, Optional.of(Backups.healthyCluster()), true,
        Optional.of(success("2026-02-01T00:00:00Z#1", clock.instant()))));

    assertThat(plan.status().getPhase()).isEqualTo("Running");
  }

  @Test
  void attemptInterruptedByAnOperatorRestartIsRetried() {
    decide();
    clock.advance(Duration.ofMinutes(1));
    // restarted operator: status says Running, but no worker runs the attempt and no report exists
    BackupPlan plan = decide();

    assertThat(plan.status().getPhase()).isEqualTo("Running");
    assertThat(condition(plan, "Retrying").getReason()).isEqualTo("Interrupted");
    clock.advance(Duration.ofSeconds(30));
    assertThat(decide().start().orElseThrow().runId()).endsWith("#2");
  }

  @Test
  void missingClusterFailsFast() {
    BackupPlan plan = decide(new BackupObservation(backup, Optional.empty(), false, Optional.empty()));

    assertThat(plan.status().getPhase()).isEqualTo("Failed");
    assertThat(plan.start()).isEmpty();
    assertThat(condition(plan, "Ready").getReason()).isEqualTo("ClusterNotFound");
    assertThat(condition(plan, "Ready").getMessage()).contains("db", "prod");
  }

  @Test
  void noHealthyMemberIsRetriedLikeAnyTransientFailure() {
    BackupObservation.ClusterView down = new BackupObservation.ClusterView("0.8.5",
        List.of(new BackupSourceSelector.Member("db-0", 0, false, false)));
    BackupPlan plan = decide(new BackupObservation(backup, Optional.of(down), false, Optional.empty()));

    assertThat(plan.status().getPhase()).isEqualTo("Running");
    assertThat(plan.start()).isEmpty();
    assertThat(condition(plan, "Retrying").getReason()).isEqualTo("BackupSourceUnavailable");
  }

  @Test
  void databasesAndIncrementalAreRejectedNotIgnored() {
    backup.getSpec().setDatabases(List.of("telemetry"));
    backup.getSpec().setBackupType(BackupType.INCREMENTAL);

    BackupPlan plan = decide();

    assertThat(plan.status().getPhase()).isEqualTo("Failed");
    assertThat(plan.start()).isEmpty();
    Condition ready = condition(plan, "Ready");
    assertThat(ready.getReason()).isEqualTo("InvalidSpec");
    assertThat(ready.getMessage())
        .contains("spec.databases: is not supported: HyperbyteDB 0.8.5 backs up whole nodes")
        .contains("spec.backupType: incremental is not supported");
    assertThat(plan.events()).extracting(ResourceEvent::reason).containsExactly("InvalidSpec");
    assertThat(decide().events()).as("reported once").isEmpty();
  }

  @Test
  void fixedSpecRunsAfterARejection() {
    backup.getSpec().setDatabases(List.of("telemetry"));
    decide();
    backup.getSpec().setDatabases(List.of());
    backup.getMetadata().setGeneration(2L);

    BackupPlan plan = decide();

    assertThat(plan.status().getPhase()).isEqualTo("Running");
    assertThat(plan.start()).isPresent();
    assertThat(plan.status().getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void invalidCronIsRejectedWithTheParserMessage() {
    backup.getSpec().setSchedule("0 2 * *");

    BackupPlan plan = decide();

    assertThat(plan.status().getPhase()).isEqualTo("Failed");
    assertThat(condition(plan, "Ready").getMessage())
        .isEqualTo("spec.schedule: \"0 2 * *\" has 4 fields; a schedule has exactly 5 (minute hour day-of-month"
            + " month day-of-week, UTC), e.g. \"0 2 * * *\"; seconds are not supported");
  }
}
