package cloud.hyperbyte.operator.e2e;

import cloud.hyperbyte.operator.controller.Operator;
import cloud.hyperbyte.operator.controller.OperatorSettings;
import cloud.hyperbyte.operator.database.PodAddressResolver;
import cloud.hyperbyte.operator.database.ProxyAddressResolver;
import cloud.hyperbyte.operator.kube.WatchedNamespaces;
import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.reconcile.decision.LifecycleTimings;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One run of the operator process against a simulated cluster, wired as {@code RunCommand} wires it
 * (the same {@link Operator}), with the simulated API's client, members and proxy pods resolved to
 * their loopback listeners, leader election off, no HTTP servers, and lifecycle waits scaled to the simulated
 * members ({@link #TIMINGS}). {@link #kill()} cuts it off mid-flight: its API connection closes
 * first, so nothing it was doing completes.
 */
final class OperatorProcess implements AutoCloseable {

  /**
   * The lifecycle's waits for simulated members: they start in a fraction of a second and end a drain
   * within the {@link OperatorE2eTest#DRAIN_ACK_TIMEOUT} they are given, so the operator polls every
   * 200 ms and waits out a Draining member for that ack window (plus a margin), not the server's 90 s.
   * The rejoin bound stays generous: reaching it fails an upgrade, and a loaded CI machine is slow.
   */
  static final LifecycleTimings TIMINGS = new LifecycleTimings(
      OperatorE2eTest.DRAIN_ACK_TIMEOUT.plusSeconds(1), Duration.ofSeconds(15), Duration.ofMinutes(2),
      Duration.ofMillis(200));

  private final KubernetesClient client;
  private final Operator operator;
  private final OperatorMetrics metrics;
  private boolean stopped;

  private OperatorProcess(KubernetesClient client, Operator operator, OperatorMetrics metrics) {
    this.client = client;
    this.operator = operator;
    this.metrics = metrics;
  }

  /** Starts an operator on {@code cluster}, resyncing every custom resource every {@code resync}. */
  static OperatorProcess start(SimulatedCluster cluster, Clock clock, Duration resync) throws Exception {
    KubernetesClient client = cluster.kubernetes().newClient(builder -> {});
    // simulated members speak plain HTTP whatever the scheme (the operator's TLS is checked on Secrets and mounts)
    PodAddressResolver resolver = (member, scheme) -> URI.create("http://" + cluster.loopbackAddressOfHost(member.host()));
    // a proxy pod's admin API is its simulated listener, found by the pod IP the operator observed
    ProxyAddressResolver proxies =
        proxy -> URI.create("http://" + cluster.proxyAdminAddressOfIp(proxy.podIp()).orElseThrow());
    OperatorSettings settings = new OperatorSettings(WatchedNamespaces.all(), "cluster.local", Optional.empty(), -1, -1,
        4, resync, Duration.ofSeconds(5), Duration.ofSeconds(5)).withLifecycleTimings(TIMINGS);
    OperatorMetrics metrics = new OperatorMetrics(new PrometheusRegistry());
    Operator operator = new Operator(client, settings, metrics, resolver, proxies, clock);
    operator.start(Duration.ofSeconds(30));
    return new OperatorProcess(client, operator, metrics);
  }

  static OperatorProcess start(SimulatedCluster cluster) throws Exception {
    return start(cluster, Clock.systemUTC(), Duration.ofMinutes(10));
  }

  OperatorMetrics metrics() {
    return metrics;
  }

  Operator operator() {
    return operator;
  }

  /** Reconciles run so far (the {@code hyperbyte_operator_reconciles_total} counter). */
  long reconciles() {
    return metrics.registry().scrape().stream()
        .filter(snapshot -> snapshot.getMetadata().getName().equals("hyperbyte_operator_reconciles"))
        .flatMap(snapshot -> ((CounterSnapshot) snapshot).getDataPoints().stream())
        .mapToLong(point -> (long) point.getValue()).sum();
  }

  /** Stops the process abruptly: the API connection first, then the threads. */
  void kill() {
    if (!stopped) {
      stopped = true;
      client.close();
      operator.close();
    }
  }

  /** Graceful shutdown: running reconciles finish. */
  @Override
  public void close() {
    if (!stopped) {
      stopped = true;
      operator.close();
      client.close();
    }
  }
}
