package cloud.hyperbyte.reconcile.backup;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a run is attempted after transient failures: at most {@code maxAttempts} attempts,
 * waiting {@code initialBackoff}, then twice as long each time, never more than {@code maxBackoff}.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  /** 5 attempts, 30 s, 1 min, 2 min, 4 min apart (at most 10 min). */
  public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(30), Duration.ofMinutes(10));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
  }

  /** Whether another attempt may follow attempt number {@code attempt} (1-based). */
  public boolean mayRetryAfter(int attempt) {
    return attempt < maxAttempts;
  }

  /** The wait after the failure of attempt number {@code attempt} (1-based). */
  public Duration backoffAfter(int attempt) {
    Duration wait = initialBackoff;
    for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
