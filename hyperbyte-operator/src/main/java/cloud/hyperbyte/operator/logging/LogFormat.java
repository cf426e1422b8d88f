package cloud.hyperbyte.operator.logging;

import java.util.Locale;

/** How log lines are written: for people ({@code text}) or for log collectors ({@code json}, one object per line). */
public enum LogFormat {
  TEXT,
  JSON;

  /** {@code text} or {@code json}, any case. */
  public static LogFormat parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("log format must be text or json, was '" + value + "'", e);
    }
  }
}
