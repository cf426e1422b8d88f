package cloud.hyperbyte.operator.campaign;

import cloud.hyperbyte.operator.controller.Operator;
import cloud.hyperbyte.operator.controller.OperatorSettings;
import cloud.hyperbyte.operator.controller.ProcessFencing;
import cloud.hyperbyte.operator.database.PodAddressResolver;
import cloud.hyperbyte.operator.database.ProxyAddressResolver;
import cloud.hyperbyte.operator.e2e.SimulatedTimeScheduler;
import cloud.hyperbyte.operator.kube.WatchedNamespaces;
import cloud.hyperbyte.operator.leader.LeaseSettings;
import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import cloud.hyperbyte.reconcile.decision.LifecycleTimings;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One operator process of a campaign, wired as {@code RunCommand} wires it (the same
 * {@link Operator}, with Lease leader election on, fenced by {@link ProcessFencing}, exiting when it
 * loses the Lease), on the simulated time for its clock and work queue. Every API write and member or proxy call it sends is reported to {@link OperatorActivity}
 * first. Two faults act on it alone, at its network edge: {@link #kill()} (from then on it reaches
 * nothing) and a cut-off from the Lease (its pod's Lease requests fail, the rest goes through; the
 * pool says when, by identity, so a restarted container of the same pod stays cut off).
 */
final class OperatorInstance implements AutoCloseable {

  static final String LEASE_NAMESPACE = "operator-system";
  static final String LEASE_NAME = LeaseSettings.DEFAULT_LEASE_NAME;
  /**
   * Short Lease timings (real time: fabric8's elector runs on the wall clock): 6 s lease, renewals
   * give up after 4 s, retried every second. A standby takes over at most 6 s after the leader
   * stopped renewing; the 2 s between giving up and expiry absorb a renewal thread starved for a
   * moment on a loaded machine, so only a lost Lease (not a slow one) shows as a violation.
   */
  static final Duration LEASE_DURATION = Duration.ofSeconds(6);
  static final Duration RENEW_DEADLINE = Duration.ofSeconds(4);
  static final Duration RETRY_PERIOD = Duration.ofSeconds(1);
  /** A resync as a net for missed events; the runs converge on events and requeues. */
  static final Duration RESYNC = Duration.ofSeconds(20);

  /** The lifecycle waits for simulated members (see {@code OperatorProcess.TIMINGS}). */
  static final LifecycleTimings TIMINGS = new LifecycleTimings(Duration.ofSeconds(4), Duration.ofSeconds(15),
      Duration.ofMinutes(2), Duration.ofMillis(200));

  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final URI NOWHERE = URI.create("http://127.0.0.1:1");

  private final String identity;
  private final KubernetesClient client;
  private final Operator operator;
  private volatile boolean killed;
  private final Predicate<String> leaseCutOff;

  private OperatorInstance(String identity, SimulatedCluster cluster, OperatorActivity activity,
      Predicate<String> leaseCutOff, Consumer<OperatorInstance> onExit) throws Exception {
    this.identity = identity;
    this.leaseCutOff = leaseCutOff;
    // fenced as `run` fences it; the campaign's network edge sees only what the fence let through
    ProcessFencing fencing = new ProcessFencing();
    this.client = cluster.kubernetes().newClient(builder -> fencing.configure(builder, http ->
        http.addOrReplaceInterceptor("campaign", new Interceptor() {
          @Override
          public void before(BasicBuilder request, HttpRequest sent, RequestTags tags) {
            intercept(request, sent, activity);
          }
        })));
    PodAddressResolver members = (member, scheme) -> {
      reachable();
      activity.memberCall(identity, "member " + member.host());
      return URI.create("http://" + cluster.loopbackAddressOfHost(member.host()));
    };
    ProxyAddressResolver proxies = proxy -> {
      reachable();
      activity.memberCall(identity, "proxy " + proxy.podIp());
      return URI.create("http://" + cluster.proxyAdminAddressOfIp(proxy.podIp()).orElseThrow());
    };
    LeaseSettings lease = new LeaseSettings(LEASE_NAMESPACE, LEASE_NAME, identity, LEASE_DURATION, RENEW_DEADLINE,
        RETRY_PERIOD);
    OperatorSettings settings = new OperatorSettings(WatchedNamespaces.all(), "cluster.local", Optional.of(lease), -1,
        -1, 4, RESYNC, Duration.ofSeconds(5), Duration.ofSeconds(5), Optional.of(Storage.OPERATOR_IMAGE))
        .withLifecycleTimings(TIMINGS);
    Clock clock = cluster.clock();
    this.operator = fencing.fenced(new Operator(client, settings, new OperatorMetrics(new PrometheusRegistry()),
            members, proxies, clock, new SimulatedTimeScheduler(clock, cluster.time())),
        // `run` exits with status 3 here; off the election thread, which closing the operator waits for
        () -> new Thread(() -> {
          kill();
          onExit.accept(this);
        }, "campaign-exit-" + identity).start());
    operator.start(Duration.ofSeconds(60));
  }

  /**
   * Starts an instance named {@code identity} (its Lease holder identity); {@code onExit} is told
   * when it exits on its own (it lost the Lease), as the kubelet would notice the container end;
   * its Lease requests fail while {@code leaseCutOff} says so for its identity.
   */
  static OperatorInstance start(String identity, SimulatedCluster cluster, OperatorActivity activity,
      Predicate<String> leaseCutOff, Consumer<OperatorInstance> onExit) throws Exception {
    return new OperatorInstance(identity, cluster, activity, leaseCutOff, onExit);
  }

  private void intercept(BasicBuilder request, HttpRequest sent, OperatorActivity activity) {
    String path = sent.uri().getRawPath() + (sent.uri().getRawQuery() == null ? "" : "?" + sent.uri().getRawQuery());
    boolean lease = path.contains("/leases");
    if (killed || (lease && leaseCutOff.test(identity))) {
      request.uri(NOWHERE.resolve(path)); // connection refused: the request never reaches the API
      return;
    }
    if (!lease && WRITES.contains(sent.method())) {
      // a create names its object in the body: the act names it as its path would
      activity.apiWrite(identity, sent.method(), sent.method().equals("POST") ? createdPath(sent) : path);
    }
  }

  /** The path of the object a POST creates: the collection's path and the body's {@code metadata.name}. */
  private static String createdPath(HttpRequest sent) {
    String collection = sent.uri().getRawPath();
    try {
      String name = Serialization.jsonMapper().readTree(sent.bodyString()).path("metadata").path("name").asText("");
      return name.isEmpty() ? collection : collection + "/" + name;
    } catch (RuntimeException unreadable) {
      return collection;
    }
  }

  private void reachable() {
    if (killed) {
      throw new IllegalStateException("operator " + identity + " was killed");
    }
  }

  String identity() {
    return identity;
  }

  boolean isLeader() {
    return !killed && operator.isLeader();
  }

  boolean isAlive() {
    return !killed;
  }

  /** SIGKILL: from now on it reaches neither the API nor any member; it does not release the Lease. */
  synchronized void kill() {
    if (!killed) {
      killed = true;
      client.close();
      operator.close();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
