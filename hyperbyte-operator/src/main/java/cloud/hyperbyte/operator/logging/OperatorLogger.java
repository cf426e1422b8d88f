package cloud.hyperbyte.operator.logging;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.Level;
import org.slf4j.event.LoggingEvent;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.LoggingEventAware;

/**
 * One named logger. Level and format are read from {@link LogSettings} on every call, so
 * reconfiguring applies to loggers created earlier. MDC entries and the fluent API's key-value
 * pairs become fields of the line.
 */
final class OperatorLogger extends LegacyAbstractLogger implements LoggingEventAware {

  private static final long serialVersionUID = 1L;

  OperatorLogger(String name) {
    this.name = name;
  }

  private boolean enabled(Level level) {
    return level.toInt() >= LogSettings.level().toInt();
  }

  @Override
  public boolean isTraceEnabled() {
    return enabled(Level.TRACE);
  }

  @Override
  public boolean isDebugEnabled() {
    return enabled(Level.DEBUG);
  }

  @Override
  public boolean isInfoEnabled() {
    return enabled(Level.INFO);
  }

  @Override
  public boolean isWarnEnabled() {
    return enabled(Level.WARN);
  }

  @Override
  public boolean isErrorEnabled() {
    return enabled(Level.ERROR);
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  protected void handleNormalizedLoggingCall(
      Level level, Marker marker, String messagePattern, Object[] arguments, Throwable throwable) {
    write(level, MessageFormatter.basicArrayFormat(messagePattern, arguments), throwable, Map.of());
  }

  @Override
  public void log(LoggingEvent event) {
    if (!enabled(event.getLevel())) {
      return;
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    if (event.getKeyValuePairs() != null) {
      for (KeyValuePair pair : event.getKeyValuePairs()) {
        pairs.put(pair.key, String.valueOf(pair.value));
      }
    }
    Object[] args = event.getArgumentArray();
    write(event.getLevel(), MessageFormatter.basicArrayFormat(event.getMessage(), args), event.getThrowable(), pairs);
  }

  private void write(Level level, String message, Throwable error, Map<String, String> pairs) {
    Map<String, String> context = new LinkedHashMap<>();
    Map<String, String> mdc = MDC.getCopyOfContextMap();
    if (mdc != null) {
      context.putAll(new java.util.TreeMap<>(mdc));
    }
    context.putAll(pairs);
    String line = LogLineFormatter.format(
        LogSettings.format(), Instant.now(), level, name, Thread.currentThread().getName(), message, error, context);
    var out = LogSettings.out();
    synchronized (out) {
      out.println(line);
    }
  }
}
