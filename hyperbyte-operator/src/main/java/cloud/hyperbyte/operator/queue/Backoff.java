package cloud.hyperbyte.operator.queue;

import java.time.Duration;

/** Exponential retry delay: {@code initial × 2^(failures-1)}, capped at {@code max}. */
public record Backoff(Duration initial, Duration max) {

  /** 1 s doubling up to 5 min. */
  public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5));

  public Backoff {
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial backoff must be positive");
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max backoff must be >= initial");
    }
  }

  /** The delay before the retry that follows {@code failures} consecutive failures (>= 1). */
  public Duration delay(int failures) {
    if (failures < 1) {
      throw new IllegalArgumentException("failures must be >= 1, was " + failures);
    }
    Duration delay = initial;
    for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }
}
