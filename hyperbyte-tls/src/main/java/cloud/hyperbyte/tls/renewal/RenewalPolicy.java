package cloud.hyperbyte.tls.renewal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a certificate is due for renewal: when less than {@code fraction} of its total lifetime, or
 * less than {@code minimumRemaining}, is left. When both are set the stricter one (the one that
 * renews earlier) wins.
 */
public record RenewalPolicy(Optional<Double> fraction, Optional<Duration> minimumRemaining) {

  /** Renew once a third of the lifetime is left (30 of 90 days for node certificates). */
  public static final double DEFAULT_FRACTION = 1.0 / 3.0;

  public RenewalPolicy {
    if (fraction.isEmpty() && minimumRemaining.isEmpty()) {
      throw new IllegalArgumentException("a renewal policy needs a fraction, a duration or both");
    }
    fraction.ifPresent(
        f -> {
          if (!(f > 0.0 && f < 1.0)) {
            throw new IllegalArgumentException("renewal fraction must be in (0, 1), got " + f);
          }
        });
    minimumRemaining.ifPresent(
        d -> {
          if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("renewal duration must be positive, got " + d);
          }
        });
  }

  /** {@link #DEFAULT_FRACTION} and no duration. */
  public static RenewalPolicy defaults() {
    return ofFraction(DEFAULT_FRACTION);
  }

  public static RenewalPolicy ofFraction(double fraction) {
    return new RenewalPolicy(Optional.of(fraction), Optional.empty());
  }

  public static RenewalPolicy ofDuration(Duration minimumRemaining) {
    return new RenewalPolicy(Optional.empty(), Optional.of(minimumRemaining));
  }

  public static RenewalPolicy of(double fraction, Duration minimumRemaining) {
    return new RenewalPolicy(Optional.of(fraction), Optional.of(minimumRemaining));
  }

  /** The instant from which a certificate valid from {@code notBefore} to {@code notAfter} is due. */
  public Instant renewalStart(Instant notBefore, Instant notAfter) {
    Duration lifetime = Duration.between(notBefore, notAfter);
    Duration byFraction =
        fraction.map(f -> Duration.ofMillis((long) (lifetime.toMillis() * f))).orElse(Duration.ZERO);
    Duration byDuration = minimumRemaining.orElse(Duration.ZERO);
    Duration window = byFraction.compareTo(byDuration) >= 0 ? byFraction : byDuration;
    return notAfter.minus(window);
  }
}
