package cloud.hyperbyte.reconcile.backup;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.v1alpha1.BackupRun;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.testkit.cluster.ShiftableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Scheduled backups: slots, no overlap, the missed-run policy and bounded history. */
class BackupScheduleTest {

  private final ShiftableClock clock = ShiftableClock.at("2026-03-01T00:00:00Z"); // creation time
  private final BackupDecision decision =
      new BackupDecision(clock, RetryPolicy.DEFAULT, new SchedulePolicy(Duration.ofHours(1), 10));
  private final HyperbytedbBackup backup = Backups.scheduled("0 2 * * *");

  private BackupPlan decide(boolean inFlight, Optional<RunReport> report) {
    BackupPlan plan =
        decision.decide(new BackupObservation(backup, Optional.of(Backups.healthyCluster()), inFlight, report));
    backup.setStatus(plan.status());
    return plan;
  }

  private BackupPlan decide() {
    return decide(false, Optional.empty());
  }

  private BackupPlan complete(RunRequest request) {
    SnapshotLocation location = new SnapshotLocation("backups", "hb/prod/db/" + SnapshotLayout.stamp(clock.instant()) + "/");
    return decide(false, Optional.of(RunReport.succeeded(request.runId(), clock.instant(),
        new RunReport.Snapshot(location, 42, "00", request.sourcePod()), Optional.empty())));
  }

  @Test
  void beforeTheFirstSlotNothingRunsAndTheNextSlotIsShown() {
    BackupPlan plan = decide();

    assertThat(plan.start()).isEmpty();
    assertThat(plan.status().getPhase()).isEqualTo("Pending");
    assertThat(plan.status().getNextScheduleTime()).isEqualTo("2026-03-01T02:00:00Z");
    assertThat(plan.status().getLastScheduleTime()).isNull();
    assertThat(plan.requeueAt()).contains(Instant.parse("2026-03-01T02:00:00Z"));
    assertThat(plan.status().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Scheduled");
      assertThat(c.getMessage()).isEqualTo("next run at 2026-03-01T02:00:00Z (\"0 2 * * *\", UTC)");
    });
  }

  @Test
  void aDueSlotStartsOneRunAndRecordsItsScheduleTime() {
    decide();
    clock.set(Instant.parse("2026-03-01T02:00:05Z"));

    BackupPlan plan = decide();

    assertThat(plan.start()).isPresent();
    assertThat(plan.start().get().scheduledTime()).isEqualTo(Instant.parse("2026-03-01T02:00:00Z"));
    assertThat(plan.status().getPhase()).isEqualTo("Running");
    assertThat(plan.status().getLastScheduleTime()).isEqualTo("2026-03-01T02:00:00Z");
    assertThat(plan.status().getNextScheduleTime()).isEqualTo("2026-03-02T02:00:00Z");
  }

  @Test
  void runsNeverOverlapAndASlotMissedWhileRunningRunsAfterwardsWithinTheDeadline() {
    HyperbytedbBackup hourly = backup;
    hourly.getSpec().setSchedule("0 * * * *");
    clock.set(Instant.parse("2026-03-01T01:00:00Z"));
    RunRequest first = decide().start().orElseThrow();

    clock.set(Instant.parse("2026-03-01T02:10:00Z")); // the 02:00 slot passes during the run
    BackupPlan during = decide(true, Optional.empty());
    assertThat(during.start()).as("no overlapping run").isEmpty();
    assertThat(during.status().getLastScheduleTime()).isEqualTo("2026-03-01T01:00:00Z");

    BackupPlan after = complete(first);
    assertThat(after.status().getHistory()).extracting(BackupRun::getPhase).containsExactly("Completed");
    assertThat(after.start()).as("02:00 is 10 min late, within the 1 h deadline").isPresent();
    assertThat(after.start().get().scheduledTime()).isEqualTo(Instant.parse("2026-03-01T02:00:00Z"));
  }

  @Test
  void afterAnOutageOnlyTheMostRecentMissedSlotRunsIfWithinTheDeadline() {
    backup.getSpec().setSchedule("*/15 * * * *");
    clock.set(Instant.parse("2026-03-01T05:20:00Z")); // operator was down since creation: 21 slots passed

    BackupPlan plan = decide();

    assertThat(plan.start()).isPresent();
    assertThat(plan.start().get().scheduledTime()).isEqualTo(Instant.parse("2026-03-01T05:15:00Z"));
    assertThat(plan.status().getHistory()).isNull();
  }

  @Test
  void aMissedSlotOlderThanTheDeadlineIsRecordedAndSkipped() {
    clock.set(Instant.parse("2026-03-01T04:30:00Z")); // 02:00 is 2.5 h late

    BackupPlan plan = decide();

    assertThat(plan.start()).isEmpty();
    assertThat(plan.status().getLastScheduleTime()).isEqualTo("2026-03-01T02:00:00Z");
    assertThat(plan.status().getNextScheduleTime()).isEqualTo("2026-03-02T02:00:00Z");
    assertThat(plan.status().getHistory()).singleElement().satisfies(run -> {
      assertThat(run.getPhase()).isEqualTo("Missed");
      assertThat(run.getScheduledTime()).isEqualTo("2026-03-01T02:00:00Z");
      assertThat(run.getMessage()).contains("150 min late", "starting deadline of 60 min");
    });
    assertThat(plan.events()).extracting(ResourceEvent::reason).containsExactly("ScheduleMissed");
    assertThat(decide().events()).as("the same slot is not reported twice").isEmpty();
  }

  @Test
  void historyKeepsTheNewestRunsOnly() {
    backup.getSpec().setSchedule("0 * * * *");
    for (int hour = 1; hour <= 12; hour++) {
      clock.set(Instant.parse("2026-03-01T00:00:00Z").plus(Duration.ofHours(hour)));
      RunRequest request = decide().start().orElseThrow();
      clock.advance(Duration.ofMinutes(5));
      complete(request);
    }

    List<BackupRun> history = backup.getStatus().getHistory();
    assertThat(history).hasSize(10);
    assertThat(history.get(0).getScheduledTime()).isEqualTo("2026-03-01T12:00:00Z");
    assertThat(history.get(9).getScheduledTime()).isEqualTo("2026-03-01T03:00:00Z");
    assertThat(backup.getStatus().getPhase()).isEqualTo("Completed");
  }

  @Test
  void aFailedScheduledRunDoesNotStopTheSchedule() {
    clock.set(Instant.parse("2026-03-01T02:00:00Z"));
    RunRequest request = decide().start().orElseThrow();
    BackupPlan failed = decide(false, Optional.of(RunReport.failed(request.runId(), clock.instant(),
        new RunReport.Failure("AccessDenied", "refused", false))));
    assertThat(failed.status().getPhase()).isEqualTo("Failed");
    assertThat(failed.status().getNextScheduleTime()).isEqualTo("2026-03-02T02:00:00Z");

    clock.set(Instant.parse("2026-03-02T02:00:00Z"));
    assertThat(decide().start()).isPresent();
  }
}
