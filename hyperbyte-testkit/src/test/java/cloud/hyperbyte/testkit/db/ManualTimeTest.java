package cloud.hyperbyte.testkit.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualTimeTest {

  private final ManualTime time = SimulatedTime.manual(Instant.EPOCH);
  private final List<String> ran = new ArrayList<>();

  @Test
  void runsDueTasksInDueOrderThenScheduleOrderAndStopsAtTheTarget() {
    time.schedule(Duration.ofSeconds(5), () -> ran.add("b@5"));
    time.schedule(Duration.ofSeconds(1), () -> ran.add("a@1"));
    time.schedule(Duration.ofSeconds(5), () -> ran.add("c@5"));
    time.schedule(Duration.ofSeconds(6), () -> ran.add("d@6"));

    time.advance(Duration.ofSeconds(5));

    assertThat(ran).containsExactly("a@1", "b@5", "c@5");
    assertThat(time.now()).isEqualTo(Instant.EPOCH.plusSeconds(5));
  }

  @Test
  void tasksScheduledByTasksRunInTheSameAdvanceWhenDue() {
    time.schedule(Duration.ofSeconds(1), () -> {
      ran.add("first@" + time.now().getEpochSecond());
      time.schedule(Duration.ofSeconds(2), () -> ran.add("second@" + time.now().getEpochSecond()));
    });

    time.advance(Duration.ofSeconds(10));

    assertThat(ran).containsExactly("first@1", "second@3");
  }

  @Test
  void cancelledTasksNeverRun() {
    SimulatedTime.Scheduled task = time.schedule(Duration.ofSeconds(1), () -> ran.add("cancelled"));
    task.cancel();

    time.advance(Duration.ofSeconds(2));

    assertThat(ran).isEmpty();
  }
}
