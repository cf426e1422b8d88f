package cloud.hyperbyte.operator.campaign;

import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator instances of a run: one, or two competing for the Lease. A killed instance is
 * replaced by a new process with a new identity (a new pod), as its Deployment would; one that
 * exits after losing the Lease restarts under its own identity (the same pod).
 */
final class OperatorPool implements AutoCloseable {

  private final SimulatedCluster cluster;
  private final OperatorActivity activity;
  private final Trace trace;
  private final List<OperatorInstance> instances = new ArrayList<>();
  /** The kubelet restarts an exited container after a short back-off. */
  static final Duration RESTART_DELAY = Duration.ofSeconds(1);

  private int started;
  private boolean closed;
  private final Set<String> leaseCut = ConcurrentHashMap.newKeySet();

  OperatorPool(SimulatedCluster cluster, OperatorActivity activity, Trace trace) {
    this.cluster = cluster;
    this.activity = activity;
    this.trace = trace;
  }

  /** Starts another instance. */
  void startOne() throws Exception {
    String identity;
    synchronized (this) {
      identity = "operator-" + (++started);
    }
    start(identity);
  }

  private void start(String identity) throws Exception {
    OperatorInstance instance = OperatorInstance.start(identity, cluster, activity, leaseCut::contains, this::exited);
    synchronized (this) {
      if (closed) {
        instance.kill();
        return;
      }
      instances.add(instance);
    }
    trace.log(identity + " started");
  }

  /**
   * An instance exited on its own (it lost the Lease: exit status 3): its container restarts in
   * the same pod, so under the same identity, after {@link #RESTART_DELAY}.
   */
  private void exited(OperatorInstance instance) {
    synchronized (this) {
      instances.remove(instance);
      if (closed) {
        return;
      }
    }
    trace.log(instance.identity() + " lost the Lease and exited (status 3); its container restarts");
    try {
      Thread.sleep(RESTART_DELAY.toMillis());
      start(instance.identity());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      trace.log(instance.identity() + " could not restart: " + e);
    }
  }

  /** The instance holding the Lease now, else any live one. */
  synchronized Optional<OperatorInstance> leaderOrAny() {
    return instances.stream().filter(OperatorInstance::isLeader).findFirst()
        .or(() -> instances.stream().filter(OperatorInstance::isAlive).findFirst());
  }

  /** Kills the leader (or any live instance); returns its identity. */
  Optional<String> killOne() {
    Optional<OperatorInstance> victim = leaderOrAny();
    victim.ifPresent(instance -> {
      trace.log(instance.identity() + " killed");
      instance.kill();
      synchronized (this) {
        instances.remove(instance);
      }
    });
    return victim.map(OperatorInstance::identity);
  }

  synchronized int alive() {
    return (int) instances.stream().filter(OperatorInstance::isAlive).count();
  }

  /** While {@code cut}, the Lease requests of {@code identity}'s pod fail (renewals and takeovers), nothing else. */
  void cutOffFromLease(String identity, boolean cut) {
    if (cut) {
      leaseCut.add(identity);
    } else {
      leaseCut.remove(identity);
    }
  }

  /** Reconnects every instance to the Lease. */
  void reconnectAll() {
    leaseCut.clear();
  }

  @Override
  public synchronized void close() {
    closed = true;
    instances.forEach(OperatorInstance::kill);
    instances.clear();
  }
}
