package cloud.hyperbyte.operator.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A seed is its schedule: the same steps every time, in order, as a user could perform them. */
class ScheduleGeneratorTest {

  private static final List<Schedule> SCHEDULES = LongStream.range(0, 500).mapToObj(ScheduleGenerator::generate).toList();

  @Test
  void aSeedAlwaysYieldsTheSameSchedule() {
    assertThat(ScheduleGenerator.generate(42).print()).isEqualTo(ScheduleGenerator.generate(42).print());
    assertThat(ScheduleGenerator.generate(42).print()).isNotEqualTo(ScheduleGenerator.generate(43).print());
  }

  @Test
  void stepsComeInTimeOrderAndAllBeforeTheFaultsEnd() {
    for (Schedule schedule : SCHEDULES) {
      List<Step> steps = schedule.steps();
      for (int i = 1; i < steps.size(); i++) {
        assertThat(steps.get(i).at()).as(schedule.print()).isGreaterThanOrEqualTo(steps.get(i - 1).at());
      }
      assertThat(steps).as(schedule.print()).allMatch(step -> step.at().compareTo(schedule.faultsEnd()) < 0);
    }
  }

  @Test
  void aPausedClusterIsAlwaysResumedAndADeleteIsTheLastStep() {
    for (Schedule schedule : SCHEDULES) {
      boolean paused = false;
      for (int i = 0; i < schedule.steps().size(); i++) {
        Action action = schedule.steps().get(i).action();
        paused = action instanceof Action.Pause || (paused && !(action instanceof Action.Resume));
        if (action instanceof Action.Delete) {
          assertThat(i).as(schedule.print()).isEqualTo(schedule.steps().size() - 1);
        }
      }
      assertThat(paused).as(schedule.print()).isFalse();
    }
  }

  @Test
  void aRestoreNamesABackupRequestedBeforeIt() {
    for (Schedule schedule : SCHEDULES) {
      List<Action> actions = schedule.steps().stream().map(Step::action).toList();
      for (int i = 0; i < actions.size(); i++) {
        if (actions.get(i) instanceof Action.Restore restore) {
          assertThat(actions.subList(0, i)).as(schedule.print()).contains(new Action.Backup(restore.backup()));
        }
      }
    }
  }

  @Test
  void theSchedulesCoverEveryKindOfStep() {
    List<String> kinds = SCHEDULES.stream().flatMap(s -> s.steps().stream()).map(step -> step.action().kind())
        .distinct().toList();
    assertThat(kinds).contains("scale", "upgrade", "config-change", "pause", "resume", "backup", "restore", "delete",
        "api-error 409", "api-error 429", "api-error 500", "api-timeout", "watch-410", "watch-disconnect",
        "member-crash", "member-partition", "member-hung", "member-slow", "member-unhealthy", "member-stuck-drain",
        "pod-eviction", "lost-pvc", "operator-kill", "lease-loss", "s3-error 500", "s3-error 503", "s3-timeout");
  }

  @Test
  void s3FaultsComeOnlyWhereABackupOrARestoreCanMeetThem() {
    for (Schedule schedule : SCHEDULES) {
      if (faultsS3(schedule)) {
        assertThat(schedule.steps()).as(schedule.print())
            .anyMatch(step -> step.action() instanceof Action.Backup || step.action() instanceof Action.Restore);
      }
    }
  }

  @Test
  void theCiSubsetMovesTheLeaseBetweenTwoOperatorsAndFaultsS3() {
    List<Schedule> ci = FaultCampaignTest.CI_SEEDS.stream().map(ScheduleGenerator::generate).toList();

    assertThat(ci).anyMatch(schedule -> schedule.twoOperators()
        && schedule.steps().stream().anyMatch(step -> step.action() instanceof Action.LeaseLoss));
    assertThat(ci).anyMatch(ScheduleGeneratorTest::faultsS3);
  }

  private static boolean faultsS3(Schedule schedule) {
    return schedule.steps().stream()
        .anyMatch(step -> step.action() instanceof Action.S3Error || step.action() instanceof Action.S3Hang);
  }
}
