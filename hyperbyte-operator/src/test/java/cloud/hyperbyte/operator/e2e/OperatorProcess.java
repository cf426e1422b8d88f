package cloud.hyperbyte.operator.e2e;

import cloud.hyperbyte.operator.controller.Operator;
import cloud.hyperbyte.operator.controller.OperatorSettings;
import cloud.hyperbyte.operator.controller.ProcessFencing;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * One run of the operator process against a simulated cluster, wired as {@code RunCommand} wires it
 * (the same {@link Operator}), with the simulated API's client, members and proxy pods resolved to
 * their loopback listeners, leader election off, no HTTP servers, and lifecycle waits scaled to the simulated
 * members ({@link #TIMINGS}). {@link #kill()} cuts it off mid-flight: from then on it reaches neither
 * the API nor any member or proxy, so nothing it was doing completes.
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

  /** The resync of a production operator: a net for missed events, never what a scenario waits for. */
  static final Duration DEFAULT_RESYNC = Duration.ofMinutes(10);

  private final KubernetesClient client;
  private final Operator operator;
  private final OperatorMetrics metrics;
  private final AtomicBoolean cutOff;
  private boolean stopped;

  private OperatorProcess(KubernetesClient client, Operator operator, OperatorMetrics metrics, AtomicBoolean cutOff) {
    this.client = client;
    this.operator = operator;
    this.metrics = metrics;
    this.cutOff = cutOff;
  }

  /**
   * Starts an operator on {@code cluster} with the lifecycle waits {@code timings}, resyncing every
   * custom resource every {@code resync}.
   */
  static OperatorProcess start(SimulatedCluster cluster, Clock clock, Duration resync, LifecycleTimings timings)
      throws Exception {
    return start(cluster, clock, resync, timings, Optional.empty(), UnaryOperator.identity());
  }

  /** Starts an operator whose settings are the usual ones changed by {@code settings}. */
  static OperatorProcess start(SimulatedCluster cluster, UnaryOperator<OperatorSettings> settings) throws Exception {
    return start(cluster, Clock.systemUTC(), DEFAULT_RESYNC, TIMINGS, Optional.empty(), settings);
  }

  /**
   * Starts an operator that also reconciles backups and restores: the upload step of its backup pods
   * and the fetch step of its restore pods run {@code operatorImage}.
   */
  static OperatorProcess startWithBackups(SimulatedCluster cluster, String operatorImage, Duration resync)
      throws Exception {
    return start(cluster, Clock.systemUTC(), resync, TIMINGS, Optional.of(operatorImage), UnaryOperator.identity());
  }

  private static OperatorProcess start(SimulatedCluster cluster, Clock clock, Duration resync,
      LifecycleTimings timings, Optional<String> operatorImage, UnaryOperator<OperatorSettings> changes)
      throws Exception {
    // fenced as RunCommand fences it: without election the fence is open from start to close
    ProcessFencing fencing = new ProcessFencing();
    KubernetesClient client = cluster.kubernetes().newClient(builder -> fencing.configure(builder, http -> {}));
    AtomicBoolean cutOff = new AtomicBoolean();
    // simulated members speak plain HTTP whatever the scheme (the operator's TLS is checked on Secrets and mounts)
    PodAddressResolver resolver = (member, scheme) ->
        URI.create("http://" + reachable(cutOff, cluster.loopbackAddressOfHost(member.host())));
    // a proxy pod's admin API is its simulated listener, found by the pod IP the operator observed
    ProxyAddressResolver proxies = proxy ->
        URI.create("http://" + reachable(cutOff, cluster.proxyAdminAddressOfIp(proxy.podIp()).orElseThrow()));
    OperatorSettings settings = changes.apply(new OperatorSettings(WatchedNamespaces.all(), "cluster.local",
        Optional.empty(), -1, -1, 4, resync, Duration.ofSeconds(5), Duration.ofSeconds(5), operatorImage)
        .withLifecycleTimings(timings));
    OperatorMetrics metrics = new OperatorMetrics(new PrometheusRegistry());
    // without election the Lease is never lost
    Operator operator = fencing.fenced(new Operator(client, settings, metrics, resolver, proxies, clock), () -> {});
    operator.start(Duration.ofSeconds(30));
    return new OperatorProcess(client, operator, metrics, cutOff);
  }

  static OperatorProcess start(SimulatedCluster cluster, Clock clock, Duration resync) throws Exception {
    return start(cluster, clock, resync, TIMINGS);
  }

  static OperatorProcess start(SimulatedCluster cluster) throws Exception {
    return start(cluster, Clock.systemUTC(), DEFAULT_RESYNC);
  }

  /** {@code address}, unless the process was killed: a dead process reaches no member and no proxy. */
  private static String reachable(AtomicBoolean cutOff, String address) {
    if (cutOff.get()) {
      throw new IllegalStateException("the operator process was killed");
    }
    return address;
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

  /**
   * Stops the process abruptly, as a SIGKILL would: from this moment it reaches neither the API nor
   * any member or proxy, so a reconcile it was running does nothing more (its threads then stop).
   */
  void kill() {
    if (!stopped) {
      stopped = true;
      cutOff.set(true);
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
