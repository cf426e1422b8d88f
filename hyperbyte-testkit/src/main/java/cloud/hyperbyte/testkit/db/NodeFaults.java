package cloud.hyperbyte.testkit.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Faults injected into one member. They belong to the member, not to a process: they survive
 * restarts until cleared. Partitions go through {@link SimulatedDatabase#partition} because they change
 * Raft leadership.
 */
public final class NodeFaults {

  private final Consumer<Runnable> mutate;
  private volatile Duration latency = Duration.ZERO;
  private volatile PartitionMode partition;
  private volatile HealthFault healthFault;
  private volatile Duration flushDelay;
  private volatile boolean drainStuck;
  /** Drains that began while stuck, each waiting to go on with its flush; guarded by the simulation's lock. */
  private final List<Runnable> stuckDrains = new ArrayList<>();
  private final Object healed = new Object();

  /** @param mutate runs a change under the simulation's lock, then lets the simulation react */
  NodeFaults(Consumer<Runnable> mutate) {
    this.mutate = mutate;
  }

  /** Delays every answer of this member by {@code delay} of real time (the caller's timeouts are real). */
  public NodeFaults latency(Duration delay) {
    this.latency = Objects.requireNonNull(delay, "delay");
    return this;
  }

  /** Makes {@code /health} fail with {@code fault} ({@code null} clears it). */
  public NodeFaults healthFault(HealthFault fault) {
    this.healthFault = fault;
    mutate.accept(() -> { });
    return this;
  }

  /** Makes a drain's WAL flush take {@code duration} of simulated time instead of the database default. */
  public NodeFaults slowDrain(Duration duration) {
    this.flushDelay = Objects.requireNonNull(duration, "duration");
    return this;
  }

  /**
   * Makes a drain's WAL flush hang while the fault lasts: the member stays Draining until it
   * restarts or the fault is cleared, when the drains that hung go on with their flush (a disk that
   * stalled and recovered). A SIGTERM drain that hangs keeps the process, and so its volume, busy.
   */
  public NodeFaults stuckDrain() {
    this.drainStuck = true;
    return this;
  }

  /** Clears every fault except a partition; drains that hung go on. */
  public NodeFaults clear() {
    latency = Duration.ZERO;
    flushDelay = null;
    mutate.accept(() -> {
      drainStuck = false;
      List<Runnable> resumed = List.copyOf(stuckDrains);
      stuckDrains.clear();
      resumed.forEach(Runnable::run);
    });
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

  /**
   * Whether drains hang now; when they do, {@code resume} runs (under the simulation's lock) once
   * the fault is cleared. Callers hold the lock.
   */
  boolean drainStuck(Runnable resume) {
    if (drainStuck) {
      stuckDrains.add(resume);
    }
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
