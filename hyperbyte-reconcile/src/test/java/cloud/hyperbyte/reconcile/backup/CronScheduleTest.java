package cloud.hyperbyte.reconcile.backup;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.model.spec.Validated;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Standard 5-field cron in UTC, with Kubernetes' macros and clear errors. */
class CronScheduleTest {

  private static CronSchedule cron(String expression) {
    return CronSchedule.parse(expression).orElseThrow();
  }

  private static String error(String expression) {
    Validated<CronSchedule> parsed = CronSchedule.parse(expression);
    assertThat(parsed.isValid()).as(expression).isFalse();
    return parsed.errors().stream().map(Problem::describe).findFirst().orElseThrow();
  }

  @ParameterizedTest(name = "{0} after {1} is {2}")
  @CsvSource({
    "0 2 * * *,      2026-03-01T02:00:00Z, 2026-03-02T02:00:00Z",
    "0 0 1 * *,      2026-01-31T12:00:00Z, 2026-02-01T00:00:00Z",
    "30 23 31 12 *,  2026-06-01T00:00:00Z, 2026-12-31T23:30:00Z",
    "0 0 * * *,      2026-12-31T23:59:59Z, 2027-01-01T00:00:00Z",
    "0 0 29 2 *,     2026-03-01T00:00:00Z, 2028-02-29T00:00:00Z",
    "*/15 * * * *,   2026-03-01T00:14:59Z, 2026-03-01T00:15:00Z",
    "0 0 1 * 1,      2026-11-24T00:00:00Z, 2026-11-30T00:00:00Z",
    "0 3 * * MON-FRI, 2026-03-06T04:00:00Z, 2026-03-09T03:00:00Z",
    "@daily,         2026-03-29T00:30:00Z, 2026-03-30T00:00:00Z",
    "@hourly,        2026-10-25T01:59:00Z, 2026-10-25T02:00:00Z",
    "@weekly,        2026-03-01T00:00:00Z, 2026-03-08T00:00:00Z",
    "@monthly,       2026-02-15T00:00:00Z, 2026-03-01T00:00:00Z",
    "@yearly,        2026-02-15T00:00:00Z, 2027-01-01T00:00:00Z",
  })
  void nextSlotIsComputedInUtcAcrossDayMonthAndYearBoundaries(String expression, String after, String next) {
    assertThat(cron(expression.trim()).next(Instant.parse(after.trim()))).contains(Instant.parse(next.trim()));
  }

  @Test
  void latestSlotIncludesASlotExactlyAtTheInstant() {
    CronSchedule daily = cron("0 2 * * *");

    assertThat(daily.latestAtOrBefore(Instant.parse("2026-03-01T02:00:00Z"))).contains(Instant.parse("2026-03-01T02:00:00Z"));
    assertThat(daily.latestAtOrBefore(Instant.parse("2026-03-01T01:59:59Z"))).contains(Instant.parse("2026-02-28T02:00:00Z"));
    assertThat(daily.latestAtOrBefore(Instant.parse("2026-03-01T02:00:59Z"))).contains(Instant.parse("2026-03-01T02:00:00Z"));
  }

  @Test
  void instantsWithFractionsOfASecondNeverYieldAnInstantThatIsNotASlot() {
    CronSchedule daily = cron("0 2 * * *");

    assertThat(daily.latestAtOrBefore(Instant.parse("2026-03-01T01:59:59.174579665Z")))
        .contains(Instant.parse("2026-02-28T02:00:00Z"));
    assertThat(daily.latestAtOrBefore(Instant.parse("2026-03-01T02:00:00.5Z"))).contains(Instant.parse("2026-03-01T02:00:00Z"));
    assertThat(daily.next(Instant.parse("2026-03-01T01:59:59.9Z"))).contains(Instant.parse("2026-03-01T02:00:00Z"));
  }

  @Test
  void wrongFieldCountsAreExplained() {
    assertThat(error("0 2 * *")).contains("has 4 fields; a schedule has exactly 5");
    assertThat(error("0 0 2 * * *")).contains("has 6 fields").contains("seconds are not supported");
  }

  @Test
  void outOfRangeValuesNameTheValue() {
    assertThat(error("60 * * * *")).startsWith("spec.schedule: \"60 * * * *\" is not a valid cron expression").contains("60");
    assertThat(error("0 25 * * *")).contains("25");
  }

  @Test
  void unsupportedMacrosAndEmptyInputAreRejected() {
    assertThat(error("@every 1h")).contains("is not supported").contains("@daily");
    assertThat(error("@reboot")).contains("is not supported");
    assertThat(error(" ")).contains("is empty");
  }

  @Test
  void aScheduleThatNeverMatchesIsRejected() {
    assertThat(error("0 0 31 2 *")).contains("never");
  }
}
