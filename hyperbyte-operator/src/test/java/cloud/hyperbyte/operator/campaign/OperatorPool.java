package cloud.hyperbyte.operator.campaign;

import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operator instances of a run: one, or two competing for the Lease. A killed instance is
 * replaced by a new process with a new identity (a new pod), as its Deployment would.
 */
final class OperatorPool implements AutoCloseable {

  private final SimulatedCluster cluster;
  private final OperatorActivity activity;
  private final Trace trace;
  private final List<OperatorInstance> instances = new ArrayList<>();
  private int started;

  OperatorPool(SimulatedCluster cluster, OperatorActivity activity, Trace trace) {
    this.cluster = cluster;
    this.activity = activity;
    this.trace = trace;
  }

  /** Starts another instance. */
  synchronized void startOne() throws Exception {
    String identity = "operator-" + (++started);
    instances.add(OperatorInstance.start(identity, cluster, activity));
    trace.log(identity + " started");
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

  /** Reconnects every instance to the Lease. */
  synchronized void reconnectAll() {
    instances.forEach(instance -> instance.cutOffFromLease(false));
  }

  @Override
  public synchronized void close() {
    instances.forEach(OperatorInstance::kill);
    instances.clear();
  }
}
