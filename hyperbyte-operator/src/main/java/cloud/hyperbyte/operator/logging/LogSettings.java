package cloud.hyperbyte.operator.logging;

import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.event.Level;

/**
 * The process-wide log level and format. Starts from the environment ({@code HYPERBYTE_LOG_LEVEL},
 * {@code HYPERBYTE_LOG_FORMAT}), so lines logged before the command line is parsed already follow
 * it; {@link #configure} then applies the parsed options.
 */
public final class LogSettings {

  private static volatile Level level = parseLevel(envOr("HYPERBYTE_LOG_LEVEL", "info"));
  private static volatile LogFormat format = LogFormat.parse(envOr("HYPERBYTE_LOG_FORMAT", "text"));
  private static volatile PrintStream out = System.err;

  private LogSettings() {}

  /** Sets level and format for every logger, including ones already created. */
  public static void configure(Level newLevel, LogFormat newFormat) {
    level = newLevel;
    format = newFormat;
  }

  /** Redirects log output (tests). */
  public static void output(PrintStream stream) {
    out = stream;
  }

  public static Level level() {
    return level;
  }

  public static LogFormat format() {
    return format;
  }

  static PrintStream out() {
    return out;
  }

  /** {@code trace}, {@code debug}, {@code info}, {@code warn} or {@code error}, any case. */
  public static Level parseLevel(String value) {
    String normalized = value.trim().toUpperCase(Locale.ROOT);
    if (normalized.equals("WARNING")) {
      normalized = "WARN";
    }
    try {
      return Level.valueOf(normalized);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("log level must be trace, debug, info, warn or error, was '" + value + "'", e);
    }
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
