package cloud.hyperbyte.testkit.kube;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection on the simulated API: requests of the code under test that match an injected
 * {@link ApiFault} are answered with an error or late. Requests of the testkit's simulated
 * controllers are never faulted. Probabilities draw from one {@link Random} seeded at construction,
 * so a test with the same request sequence sees the same faults.
 */
public final class ApiFaults {

  /** A fault in force; tells how often it fired and can be withdrawn. */
  public final class Injected {
    private final ApiFault fault;
    private final AtomicInteger hits = new AtomicInteger();

    private Injected(ApiFault fault) {
      this.fault = fault;
    }

    /** How many requests this fault answered so far. */
    public int hits() {
      return hits.get();
    }

    /** Stops injecting this fault. */
    public void remove() {
      injected.remove(this);
    }

    ApiFault fault() {
      return fault;
    }

    private boolean exhausted() {
      return fault.times() >= 0 && hits.get() >= fault.times();
    }

    @Override
    public String toString() {
      return fault + " hits=" + hits;
    }
  }

  private final List<Injected> injected = new CopyOnWriteArrayList<>();
  private final Random random;

  ApiFaults(long seed) {
    this.random = new Random(seed);
  }

  /** Puts {@code fault} in force, after the faults already injected (the first matching one fires). */
  public Injected inject(ApiFault fault) {
    Injected handle = new Injected(fault);
    injected.add(handle);
    return handle;
  }

  /** Withdraws all faults. */
  public void clear() {
    injected.clear();
  }

  /** The fault that answers {@code request}, if any; counts the hit. */
  synchronized Optional<Injected> fire(ApiRequest request) {
    if (request.fromControllers()) {
      return Optional.empty();
    }
    for (Injected candidate : injected) {
      if (candidate.exhausted() || !candidate.fault().matches(request)) {
        continue;
      }
      if (candidate.fault().probability() < 1 && random.nextDouble() >= candidate.fault().probability()) {
        continue;
      }
      candidate.hits.incrementAndGet();
      return Optional.of(candidate);
    }
    return Optional.empty();
  }
}
