package cloud.hyperbyte.operator.leader;

import cloud.hyperbyte.reconcile.port.Fence;
import cloud.hyperbyte.reconcile.port.FencedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator process's {@link Fence}: open until a deadline that each confirmed Lease renewal
 * moves, closed from the moment leadership ends. It does not wait to be told that the Lease was lost
 * (the elector notices only when its renew loop runs, and a hung renewal call delays that): it
 * closes on time alone.
 *
 * <p>A renewal stamped {@code renewTime} keeps the fence open until {@code renewTime + validFor};
 * {@link LeaseLeaderElection} uses {@code renewDeadline − retryPeriod}. Another instance may take the
 * Lease once its own clock passes {@code renewTime + leaseDuration}, so between this fence closing and
 * the earliest takeover there are {@code leaseDuration − renewDeadline + retryPeriod} (7 s with the
 * default 15 s / 10 s / 2 s) for the clock skew between the two instances plus the time a call that
 * passed the fence just before it closed takes to reach its target.
 *
 * <p>Every refusal is logged ({@code fence: refused …}) and counted ({@link #refusals()}, and the
 * process's {@code hyperbyte_operator_fenced_actions_total}), so a test or an operator of the
 * operator can see that a stale instance tried to act and did not.
 */
public final class LeadershipFence implements Fence {

  private static final Logger LOG = LoggerFactory.getLogger(LeadershipFence.class);

  private final Clock clock;
  private final AtomicReference<Instant> openUntil = new AtomicReference<>(Instant.MIN);
  private final AtomicLong refusals = new AtomicLong();
  private volatile Runnable onRefusal = () -> {};

  /** @param clock the clock the Lease's renew times are stamped with (fabric8 uses the system clock) */
  public LeadershipFence(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A renewal stamped {@code renewTime} was stored: this instance may act until {@code renewTime + validFor}. */
  public void renewed(Instant renewTime, Duration validFor) {
    Instant until = renewTime.plus(validFor);
    openUntil.accumulateAndGet(until, (current, next) -> next.isAfter(current) ? next : current);
  }

  /** Leading without a Lease (leader election off, a single replica): open until {@link #close()}. */
  public void openWithoutLease() {
    openUntil.set(Instant.MAX);
  }

  /** Leadership ended (lost, released or shutting down): closed until the next confirmed renewal. */
  public void close() {
    openUntil.set(Instant.MIN);
  }

  /** Until when actions pass; {@link Instant#MIN} when closed. */
  public Instant openUntil() {
    return openUntil.get();
  }

  /** Also tells {@code action} of every refusal (the process counts them in its metrics). */
  public void onRefusal(Runnable action) {
    this.onRefusal = Objects.requireNonNull(action, "action");
  }

  /** Actions refused so far. */
  public long refusals() {
    return refusals.get();
  }

  @Override
  public void check(String action) {
    Instant until = openUntil.get();
    Instant now = clock.instant();
    if (now.isBefore(until)) {
      return;
    }
    refusals.incrementAndGet();
    onRefusal.run();
    String why = until.equals(Instant.MIN) ? "this instance does not lead"
        : "leadership unconfirmed since " + until + " (no Lease renewal stored in time)";
    LOG.warn("fence: refused {}: {}", action, why);
    throw new FencedException("refused " + action + ": " + why);
  }
}
