package cloud.hyperbyte.operator.bench;

import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import java.util.function.IntFunction;

/**
 * Samples, every 50 ms, how many members of each cluster are out (pod missing or member not ready)
 * and keeps the most seen for one cluster: a rolling upgrade must never take out more than one. A
 * sampler, not a listener on every change: checking every member of a thousand clusters on each of
 * their changes would cost the simulation more than the upgrade itself; an overlap shorter than the
 * interval can be missed.
 */
final class MembersOutMonitor implements AutoCloseable {

  private final Thread thread;
  private volatile boolean running = true;
  private volatile int mostOut;
  private volatile long samples;

  private MembersOutMonitor(SimulatedCluster sim, String namespace, int clusters, int members,
      IntFunction<String> name) {
    thread = new Thread(() -> {
      while (running) {
        for (int c = 0; c < clusters; c++) {
          String cluster = name.apply(c);
          int out = 0;
          for (int m = 0; m < members; m++) {
            if (!sim.memberReady(namespace, cluster + "-" + m)) {
              out++;
            }
          }
          if (out > mostOut) {
            mostOut = out;
          }
        }
        samples++;
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "members-out-monitor");
    thread.setDaemon(true);
  }

  static MembersOutMonitor start(SimulatedCluster sim, String namespace, int clusters, int members,
      IntFunction<String> name) {
    MembersOutMonitor monitor = new MembersOutMonitor(sim, namespace, clusters, members, name);
    monitor.thread.start();
    return monitor;
  }

  int mostOut() {
    return mostOut;
  }

  long samples() {
    return samples;
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
