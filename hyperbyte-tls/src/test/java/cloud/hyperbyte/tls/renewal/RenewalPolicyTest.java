package cloud.hyperbyte.tls.renewal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RenewalPolicyTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant END = START.plus(Duration.ofDays(90));

  @Test
  void givenDefaultFraction_expectWindowIsLastThirdOfLifetime() {
    assertThat(RenewalPolicy.defaults().renewalStart(START, END))
        .isEqualTo(START.plus(Duration.ofDays(60)));
  }

  @Test
  void givenDurationOnly_expectWindowIsThatDuration() {
    assertThat(RenewalPolicy.ofDuration(Duration.ofDays(7)).renewalStart(START, END))
        .isEqualTo(END.minus(Duration.ofDays(7)));
  }

  @Test
  void givenBoth_expectTheOneThatRenewsEarlierWins() {
    assertThat(RenewalPolicy.of(1.0 / 3.0, Duration.ofDays(7)).renewalStart(START, END))
        .as("a third (30 days) is stricter than 7 days")
        .isEqualTo(END.minus(Duration.ofDays(30)));
    assertThat(RenewalPolicy.of(0.1, Duration.ofDays(45)).renewalStart(START, END))
        .as("45 days is stricter than a tenth (9 days)")
        .isEqualTo(END.minus(Duration.ofDays(45)));
  }

  @Test
  void givenNothingOrOutOfRangeValues_expectRejection() {
    assertThatThrownBy(() -> new RenewalPolicy(Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RenewalPolicy.ofFraction(1.0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RenewalPolicy.ofDuration(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
