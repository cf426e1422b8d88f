package cloud.hyperbyte.testkit.db;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Faults injected into one member. They belong to the member, not to a process: they survive
 * restarts until cleared. Partitions go through {@link SimulatedDatabase#partition} because they change
 * Raft leadership.
 */
public final class NodeFaults {

  private final Runnable onChange;
  private volatile Duration latency = Duration.ZERO;
  private volatile PartitionMode partition;
  private volatile HealthFault healthFault;
  private volatile Duration flushDelay;
  private volatile boolean drainStuck;
  private final Object healed = new Object();

  NodeFaults(Runnable onChange) {
    this.onChange = onChange;
  }

  /** Delays every answer of this member by {@code delay} of real time (the caller's timeouts are real). */
  public NodeFaults latency(Duration delay) {
    this.latency = Objects.requireNonNull(delay, "delay");
    return this;
  }

  /** Makes {@code /health} fail with {@code fault} ({@code null} clears it). */
  public NodeFaults healthFault(HealthFault fault) {
    this.healthFault = fault;
    onChange.run();
    return this;
  }

  /** Makes a drain's WAL flush take {@code duration} of simulated time instead of the database default. */
  public NodeFaults slowDrain(Duration duration) {
    this.flushDelay = Objects.requireNonNull(duration, "duration");
    return this;
  }

  /** Makes a drain's WAL flush never finish: the member stays Draining until it restarts. */
  public NodeFaults stuckDrain() {
    this.drainStuck = true;
    return this;
  }

  /** Clears every fault except a partition. */
  public NodeFaults clear() {
    latency = Duration.ZERO;
    flushDelay = null;
    drainStuck = false;
    healthFault(null);
    return this;
  }

  public Duration latency() {
    return latency;
  }

  public Optional<PartitionMode> partition() {
    return Optional.ofNullable(partition);
  }

  public Optional<HealthFault> healthFault() {
    return Optional.ofNullable(healthFault);
  }

  Optional<Duration> flushDelay() {
    return Optional.ofNullable(flushDelay);
  }

  boolean drainStuck() {
    return drainStuck;
  }

  void partition(PartitionMode mode) {
    synchronized (healed) {
      this.partition = mode;
      if (mode == null) {
        healed.notifyAll();
      }
    }
  }

  /** Holds a request while this member is partitioned in TIMEOUT mode or until {@link #releaseHeld}. */
  void holdWhilePartitioned(java.util.function.BooleanSupplier released) throws InterruptedException {
    synchronized (healed) {
      while (partition == PartitionMode.TIMEOUT && !released.getAsBoolean()) {
        healed.wait();
      }
    }
  }

  /** Wakes held requests so they re-check whether to keep waiting (node stopped). */
  void releaseHeld() {
    synchronized (healed) {
      healed.notifyAll();
    }
  }
}
