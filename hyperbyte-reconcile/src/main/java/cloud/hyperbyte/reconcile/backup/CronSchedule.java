package cloud.hyperbyte.reconcile.backup;

import cloud.hyperbyte.model.spec.Problem;
import cloud.hyperbyte.model.spec.Validated;
import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A standard 5-field cron schedule (minute hour day-of-month month day-of-week) evaluated in UTC,
 * with the Vixie rule that a restricted day-of-month and day-of-week match either (as Kubernetes
 * CronJob does). The macros Kubernetes accepts ({@code @hourly} … {@code @yearly}) are translated;
 * {@code @every} and {@code @reboot} are rejected. Built on cron-utils, kept behind this class so
 * the parser can be swapped without touching callers.
 */
public final class CronSchedule {

  /** Field path used in problems. */
  public static final String FIELD = "spec.schedule";

  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");

  private static final Instant NEVER_CHECK_FROM = Instant.parse("2000-01-01T00:00:00Z");

  private final String expression;
  private final ExecutionTime executionTime;

  private CronSchedule(String expression, Cron cron) {
    this.expression = expression;
    this.executionTime = ExecutionTime.forCron(cron);
  }

  /** Parses {@code expression}, or explains what is wrong with it. */
  public static Validated<CronSchedule> parse(String expression) {
    if (expression == null || expression.isBlank()) {
      return invalid("is empty; write 5 fields such as \"0 2 * * *\" (02:00 UTC daily)");
    }
    String trimmed = expression.trim();
    if (trimmed.startsWith("@")) {
      String fields = MACROS.get(trimmed.toLowerCase(Locale.ROOT));
      if (fields == null) {
        return invalid(
            "\"" + trimmed + "\" is not supported; use 5 cron fields or one of "
                + "@hourly, @daily, @midnight, @weekly, @monthly, @yearly, @annually");
      }
      return Validated.of(new CronSchedule(trimmed, PARSER.parse(fields)), List.of());
    }
    int fields = trimmed.split("\\s+").length;
    if (fields != 5) {
      return invalid(
          "\"" + trimmed + "\" has " + fields + " fields; a schedule has exactly 5 "
              + "(minute hour day-of-month month day-of-week, UTC), e.g. \"0 2 * * *\"; seconds are not supported");
    }
    try {
      Cron cron = PARSER.parse(trimmed);
      cron.validate();
      CronSchedule schedule = new CronSchedule(trimmed, cron);
      if (schedule.next(NEVER_CHECK_FROM).isEmpty()) {
        return invalid("\"" + trimmed + "\" never matches a date (e.g. 31 February); no backup would ever run");
      }
      return Validated.of(schedule, List.of());
    } catch (IllegalArgumentException e) {
      return invalid("\"" + trimmed + "\" is not a valid cron expression: " + e.getMessage());
    }
  }

  private static Validated<CronSchedule> invalid(String message) {
    return Validated.failed(List.of(Problem.error(FIELD, message)));
  }

  /** The expression as written. */
  public String expression() {
    return expression;
  }

  /** The first slot strictly after {@code instant}; empty for a schedule that never fires. */
  public Optional<Instant> next(Instant instant) {
    return executionTime.nextExecution(utc(instant.truncatedTo(ChronoUnit.SECONDS))).map(ZonedDateTime::toInstant);
  }

  /** The latest slot at or before {@code instant}. */
  public Optional<Instant> latestAtOrBefore(Instant instant) {
    // cron-utils answers strictly before; slots are whole minutes, so one second later includes
    // a slot that is exactly at the instant and nothing else. Sub-second parts are dropped first:
    // with them cron-utils answers instants that are not slots (and 0.8 s before a slot, the slot).
    return executionTime.lastExecution(utc(instant.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)))
        .map(ZonedDateTime::toInstant);
  }

  private static ZonedDateTime utc(Instant instant) {
    return instant.atZone(ZoneOffset.UTC);
  }

  @Override
  public String toString() {
    return expression;
  }
}
