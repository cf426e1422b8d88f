package cloud.hyperbyte.render.workload;

import cloud.hyperbyte.model.spec.ClusterSpec;

/**
 * How long a database pod may take to stop ({@code terminationGracePeriodSeconds}), which covers
 * the preStop hook and the server's SIGTERM path together.
 *
 * <p>Cluster mode, in order (contract §2.4, §2.5):
 *
 * <ol>
 *   <li>preStop: the drain request ({@value #DRAIN_REQUEST_SECS} s) and the bounded wait for
 *       {@code leaving} ({@value #DRAIN_ACK_WAIT_SECS} s, the server's own ack wait);
 *   <li>SIGTERM: the HTTP server waits for in-flight requests, at most {@code request_timeout_secs};
 *   <li>the SIGTERM path drains again unless the node reached {@code Leaving}, which with async
 *       replication it never does: a flush ({@value #FLUSH_ALLOWANCE_SECS} s, mostly done by the
 *       first drain) and another ack wait ({@value #DRAIN_ACK_WAIT_SECS} s);
 *   <li>leave notifications to peers and margin ({@value #MARGIN_SECS} s).
 * </ol>
 *
 * <p>With the defaults that is 5 + 90 + 30 + 30 + 90 + 30 = 275 s, never less than {@value
 * #CLUSTER_MINIMUM_SECS} s. A shorter grace (the Go operator used 120 s) lets the kubelet kill the
 * server in the middle of its second drain.
 *
 * <p>Single mode has no drain: in-flight requests, a WAL fsync and margin, at least {@value
 * #SINGLE_MINIMUM_SECS} s. The WAL is replayed on the next start.
 */
public final class TerminationBudget {

  public static final int DRAIN_REQUEST_SECS = 5;
  public static final int DRAIN_ACK_WAIT_SECS = 90;
  public static final int FLUSH_ALLOWANCE_SECS = 30;
  public static final int MARGIN_SECS = 30;
  public static final int CLUSTER_MINIMUM_SECS = 180;
  public static final int SINGLE_MINIMUM_SECS = 60;

  private TerminationBudget() {}

  /** The grace period for the spec's mode. */
  public static long gracePeriodSeconds(ClusterSpec spec) {
    int requestTimeout = spec.server().requestTimeoutSecs();
    if (!spec.clusterMode()) {
      return Math.max(SINGLE_MINIMUM_SECS, requestTimeout + MARGIN_SECS);
    }
    long budget =
        DRAIN_REQUEST_SECS
            + DRAIN_ACK_WAIT_SECS
            + requestTimeout
            + FLUSH_ALLOWANCE_SECS
            + DRAIN_ACK_WAIT_SECS
            + MARGIN_SECS;
    return Math.max(CLUSTER_MINIMUM_SECS, budget);
  }
}
