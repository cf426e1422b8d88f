package cloud.hyperbyte.operator.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Who held the Lease when, as its own stored records say. */
class LeaseTimelineTest {

  private static final Instant T0 = Instant.parse("2026-08-01T00:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(6);

  private final LeaseTimeline timeline = new LeaseTimeline();

  @Test
  void theHolderHoldsFromItsAcquireUntilItsLastRenewalPlusTheLeaseDuration() {
    timeline.add(new LeaseTimeline.Entry("a", T0, T0, LEASE));
    timeline.add(new LeaseTimeline.Entry("a", T0, T0.plusSeconds(1), LEASE));

    assertThat(timeline.held("a", T0.plusMillis(500))).isTrue();
    assertThat(timeline.held("a", T0.plusSeconds(7))).as("renewed at 1 s, a 6 s lease").isTrue();
    assertThat(timeline.held("a", T0.plusSeconds(8))).as("expired").isFalse();
    assertThat(timeline.held("a", T0.minusSeconds(1))).as("before acquiring").isFalse();
    assertThat(timeline.held("b", T0.plusSeconds(1))).isFalse();
  }

  @Test
  void anotherHolderEndsTheTenureFromItsAcquireTime() {
    timeline.add(new LeaseTimeline.Entry("a", T0, T0.plusSeconds(1), LEASE));
    timeline.add(new LeaseTimeline.Entry("b", T0.plusSeconds(3), T0.plusSeconds(3), LEASE));

    assertThat(timeline.held("a", T0.plusMillis(2_900))).isTrue();
    assertThat(timeline.held("a", T0.plusSeconds(4))).as("b acquired at 3 s").isFalse();
    assertThat(timeline.held("b", T0.plusSeconds(4))).isTrue();
  }

  @Test
  void aHolderThatWinsTheLeaseBackHoldsItAgainFromItsNewAcquire() {
    timeline.add(new LeaseTimeline.Entry("a", T0, T0, LEASE));
    timeline.add(new LeaseTimeline.Entry("b", T0.plusSeconds(7), T0.plusSeconds(7), LEASE));
    timeline.add(new LeaseTimeline.Entry("a", T0.plusSeconds(20), T0.plusSeconds(20), LEASE));

    assertThat(timeline.held("a", T0.plusSeconds(10))).isFalse();
    assertThat(timeline.held("a", T0.plusSeconds(21))).isTrue();
  }

  @Test
  void theMarginCoversTheReadingOrderOfTheStoredTimesAndNoMore() {
    timeline.add(new LeaseTimeline.Entry("a", T0, T0, LEASE));

    assertThat(timeline.held("a", T0.plus(LEASE).plus(LeaseTimeline.MARGIN))).isTrue();
    assertThat(timeline.held("a", T0.plus(LEASE).plus(LeaseTimeline.MARGIN).plusMillis(1))).isFalse();
  }
}
