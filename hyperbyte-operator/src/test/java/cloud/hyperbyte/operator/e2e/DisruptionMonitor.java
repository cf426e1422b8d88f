package cloud.hyperbyte.operator.e2e;

import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Watches one cluster's members at every member change (pod start or stop, readiness change) and
 * records which were out of service together: a member is out when it should serve (its ordinal is
 * below {@code keep}) but its pod runs no ready member, or when it is departing (at or above
 * {@code keep}) and its pod still runs a member that is not ready (drained, leaving). "Never two
 * members out at once" is {@link #maxOut()} ≤ 1.
 */
final class DisruptionMonitor implements AutoCloseable {

  private final SimulatedCluster cluster;
  private final String namespace;
  private final String name;
  private final int keep;
  private final int highest;
  private final List<Set<Integer>> outSets = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  /**
   * @param keep members {@code 0..keep-1} should serve throughout
   * @param highest members {@code keep..highest-1} may depart
   */
  DisruptionMonitor(SimulatedCluster cluster, String namespace, String name, int keep, int highest) {
    this.cluster = cluster;
    this.namespace = namespace;
    this.name = name;
    this.keep = keep;
    this.highest = highest;
    cluster.onMemberChange(this::sample);
    sample();
  }

  private void sample() {
    if (closed) {
      return;
    }
    Set<Integer> out = new TreeSet<>();
    for (int ordinal = 0; ordinal < highest; ordinal++) {
      String pod = name + "-" + ordinal;
      boolean ready = cluster.memberReady(namespace, pod);
      boolean running = cluster.member(namespace, pod).isPresent();
      if (ordinal < keep ? !ready : running && !ready) {
        out.add(ordinal);
      }
    }
    if (!out.isEmpty() && (outSets.isEmpty() || !outSets.get(outSets.size() - 1).equals(out))) {
      outSets.add(out);
    }
  }

  /** The most members out at the same time. */
  int maxOut() {
    return outSets.stream().mapToInt(Set::size).max().orElse(0);
  }

  /** Every distinct set of members out together, in order. */
  List<Set<Integer>> history() {
    return new ArrayList<>(outSets);
  }

  @Override
  public void close() {
    closed = true;
  }
}
