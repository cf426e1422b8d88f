package cloud.hyperbyte.operator.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What happened in one run, in the order the campaign saw it (steps, watch events, member changes,
 * operator requests), stamped with simulated time since the run began; the invariant checks count
 * themselves here and report violations, each kept with the trace around it.
 */
final class Trace {

  /** A broken invariant: which, what, and the trace lines up to it (and a few after, once the run ended). */
  record Violation(String invariant, String message, int atLine) {}

  private static final int CONTEXT_BEFORE = 40;
  private static final int CONTEXT_AFTER = 10;

  private final Clock clock;
  private final Instant start;
  private final List<String> lines = new ArrayList<>();
  private final List<Violation> violations = new ArrayList<>();
  private final Map<String, AtomicLong> checks = new ConcurrentHashMap<>();

  Trace(Clock simulated) {
    this.clock = simulated;
    this.start = simulated.instant();
  }

  /** Simulated time since the run began. */
  Duration elapsed() {
    return Duration.between(start, clock.instant());
  }

  void log(String line) {
    String stamped = String.format("t+%7.2fs %s", elapsed().toMillis() / 1000.0, line);
    synchronized (lines) {
      lines.add(stamped);
    }
  }

  /** Counts one evaluation of {@code invariant}. */
  void checked(String invariant) {
    checks.computeIfAbsent(invariant, k -> new AtomicLong()).incrementAndGet();
  }

  void violated(String invariant, String message) {
    log("VIOLATION " + invariant + ": " + message);
    synchronized (lines) {
      violations.add(new Violation(invariant, message, lines.size() - 1));
    }
  }

  List<Violation> violations() {
    synchronized (lines) {
      return List.copyOf(violations);
    }
  }

  /** Evaluations per invariant. */
  Map<String, Long> checks() {
    Map<String, Long> counts = new TreeMap<>();
    checks.forEach((k, v) -> counts.put(k, v.get()));
    return counts;
  }

  /** The trace lines around {@code violation}. */
  String around(Violation violation) {
    synchronized (lines) {
      int from = Math.max(0, violation.atLine() - CONTEXT_BEFORE);
      int to = Math.min(lines.size(), violation.atLine() + CONTEXT_AFTER + 1);
      return String.join("\n", lines.subList(from, to));
    }
  }

  List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }
}
