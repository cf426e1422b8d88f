package cloud.hyperbyte.operator.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import org.slf4j.event.Level;

/**
 * Turns one log event into one line. Text: {@code <time> <LEVEL> [<thread>] <logger> - <message> k=v…};
 * JSON: {@code {"time","level","logger","thread","message",<context fields>,"error"}} with the stack
 * trace as a string, so a multi-line exception stays one record.
 */
public final class LogLineFormatter {

  private LogLineFormatter() {}

  /** The line for an event, without the trailing newline. */
  public static String format(
      LogFormat format, Instant time, Level level, String logger, String thread, String message,
      Throwable error, Map<String, String> context) {
    return format == LogFormat.JSON
        ? json(time, level, logger, thread, message, error, context)
        : text(time, level, logger, thread, message, error, context);
  }

  private static String text(
      Instant time, Level level, String logger, String thread, String message, Throwable error,
      Map<String, String> context) {
    StringBuilder line = new StringBuilder(128)
        .append(time).append(' ').append(level).append(" [").append(thread).append("] ")
        .append(shortName(logger)).append(" - ").append(message);
    context.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
    if (error != null) {
      line.append(System.lineSeparator()).append(stackTrace(error).stripTrailing());
    }
    return line.toString();
  }

  private static String json(
      Instant time, Level level, String logger, String thread, String message, Throwable error,
      Map<String, String> context) {
    StringBuilder line = new StringBuilder(160).append('{');
    field(line, "time", time.toString());
    field(line, "level", level.toString());
    field(line, "logger", logger);
    field(line, "thread", thread);
    field(line, "message", message);
    context.forEach((k, v) -> field(line, k, v));
    if (error != null) {
      field(line, "error", stackTrace(error));
    }
    line.setLength(line.length() - 1);
    return line.append('}').toString();
  }

  private static void field(StringBuilder line, String name, String value) {
    quote(line, name);
    line.append(':');
    quote(line, value == null ? "" : value);
    line.append(',');
  }

  private static void quote(StringBuilder out, String value) {
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** {@code cloud.hyperbyte.operator.queue.WorkQueue} → {@code c.h.o.queue.WorkQueue}. */
  private static String shortName(String logger) {
    String[] parts = logger.split("\\.");
    if (parts.length <= 2) {
      return logger;
    }
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < parts.length - 2; i++) {
      name.append(parts[i].isEmpty() ? "" : parts[i].substring(0, 1)).append('.');
    }
    return name.append(parts[parts.length - 2]).append('.').append(parts[parts.length - 1]).toString();
  }

  private static String stackTrace(Throwable error) {
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    return trace.toString();
  }
}
