package cloud.hyperbyte.testkit.cluster;

import cloud.hyperbyte.testkit.db.DatabaseOptions;
import cloud.hyperbyte.testkit.db.RealTime;
import cloud.hyperbyte.testkit.db.SimulatedDatabase;
import cloud.hyperbyte.testkit.db.SimulatedNode;
import cloud.hyperbyte.testkit.db.SimulatedTime;
import cloud.hyperbyte.testkit.kube.DeploymentSimulator;
import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import cloud.hyperbyte.testkit.kube.StatefulSetSimulator;
import cloud.hyperbyte.testkit.kube.StorageClasses;
import cloud.hyperbyte.testkit.kube.VolumeExpansionSimulator;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import cloud.hyperbyte.testkit.container.ContainerProgram;
import cloud.hyperbyte.testkit.container.ImageShell;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A whole simulated Kubernetes cluster running HyperbyteDB: the {@link SimulatedKubernetes} API with
 * StatefulSet and Deployment controllers, and {@link SimulatedDatabase} members running inside the
 * StatefulSet pods. A pod the StatefulSet controller creates starts the member of its ordinal, with
 * the settings of the {@code config.toml} it mounts; a deleted pod stops it (SIGTERM, so it drains);
 * a deleted PVC means the member starts on an empty disk; pod readiness follows the member's
 * {@code /health}. Code under test talks to the API through {@link #client()} and to members through
 * {@link #loopbackAddress} (what a pod-address resolver returns).
 *
 * <pre>{@code
 * ManualTime time = SimulatedTime.manual(Instant.parse("2026-08-01T00:00:00Z"));
 * try (SimulatedCluster cluster = SimulatedCluster.builder().time(time).start();
 *      TimeDriver driver = TimeDriver.start(time, Duration.ofMillis(500), Duration.ofMillis(10))) {
 *   ApiMark mark = cluster.mark();
 *   // run the operator against cluster.client(), resolving pods with cluster::loopbackAddressOfHost
 *   assertThat(cluster.activitySince(mark).writes()).isEmpty();
 * }
 * }</pre>
 */
public final class SimulatedCluster implements AutoCloseable {

  /**
   * The kube simulator treats requests with this user-agent prefix as its own controllers' (logged as
   * such, never faulted); the simulated kubelet's reads of ConfigMaps and PVCs use it.
   */
  private static final String CONTROLLERS_USER_AGENT = "hyperbyte-testkit-controllers/kubelet";

  private final SimulatedKubernetes kubernetes;
  private final SimulatedTime time;
  private final NamespacedKubernetesClient kubeletClient;
  private final DatabasePods pods;
  private final StatefulSetSimulator statefulSets;
  private final DeploymentSimulator deployments;
  private final VolumeExpansionSimulator volumeExpansion;
  private final AutoCloseable ownedTime;
  private final SimulatedProxies proxies;
  private final PodMounts podMounts;
  private final ImageShell databaseImage;
  private final RunToCompletionPods runToCompletion;

  private SimulatedCluster(Builder builder) {
    this.time = builder.time;
    this.ownedTime = builder.ownedTime;
    this.kubernetes = SimulatedKubernetes.start(builder.apiClock, builder.faultSeed);
    this.kubeletClient = kubernetes.newClient(
        b -> b.editOrNewConfig().withUserAgent(CONTROLLERS_USER_AGENT).endConfig());
    UnaryOperator<DatabaseOptions> customize = builder.databaseOptions;
    this.pods = new DatabasePods(kubeletClient, time,
        (namespace, name) -> customize.apply(DatabaseOptions.defaults(name, namespace)));
    this.statefulSets = kubernetes.simulateStatefulSets(pods, pods);
    this.deployments = kubernetes.simulateDeployments();
    builder.storageClasses.forEach(sc -> kubeletClient.storage().v1().storageClasses().resource(sc).create());
    this.volumeExpansion = kubernetes.simulateVolumeExpansion(builder.volumeExpansionStep);
    this.proxies = new SimulatedProxies(kubeletClient, time, pods::member, builder.proxyDiscoveryInterval,
        builder.proxyHealthInterval).start();
    this.podMounts = new PodMounts(pods, kubeletClient);
    this.databaseImage = new ImageShell(clock());
    ImagePrograms programs = new ImagePrograms();
    builder.programs.forEach(programs::register);
    programs.register(ImagePrograms::isDatabaseImage, databaseImage);
    this.runToCompletion = new RunToCompletionPods(kubeletClient, podMounts, programs, kubernetes.podAddresses()).start();
  }

  /** A builder with real time, the system clock for the API and fault seed 0. */
  public static Builder builder() {
    return new Builder();
  }

  /** The simulated API (faults, request log, CRD registration). */
  public SimulatedKubernetes kubernetes() {
    return kubernetes;
  }

  /** A client of the simulated API for the code under test. */
  public NamespacedKubernetesClient client() {
    return kubernetes.client();
  }

  public StatefulSetSimulator statefulSets() {
    return statefulSets;
  }

  public DeploymentSimulator deployments() {
    return deployments;
  }

  /** The simulated volume expansion (resizer and kubelet), e.g. to hold filesystem resizes. */
  public VolumeExpansionSimulator volumeExpansion() {
    return volumeExpansion;
  }

  /** The time every simulated member runs on. */
  public SimulatedTime time() {
    return time;
  }

  /** {@link #time()} as a {@link Clock}, for code under test that should share it. */
  public Clock clock() {
    return new SimulatedClock(time);
  }

  // ---- members ---------------------------------------------------------------------------------

  /** The member the pod's current incarnation runs, empty when no incarnation of the pod runs. */
  public Optional<SimulatedNode> member(String namespace, String podName) {
    return pods.member(new PodRef(namespace, podName));
  }

  /**
   * The simulated database of cluster {@code name} (its StatefulSet): the one its lowest running
   * ordinal runs in. Empty before any of its pods started.
   */
  public Optional<SimulatedDatabase> database(String namespace, String name) {
    List<SimulatedDatabase> candidates = pods.databases(namespace, name);
    SimulatedDatabase lowest = null;
    int lowestOrdinal = Integer.MAX_VALUE;
    for (SimulatedDatabase database : candidates) {
      for (SimulatedNode node : database.nodes()) {
        if (node.isProcessRunning() && node.ordinal() < lowestOrdinal) {
          lowest = database;
          lowestOrdinal = node.ordinal();
        }
      }
    }
    return lowest != null ? Optional.of(lowest) : candidates.stream().findFirst();
  }

  /**
   * Every simulated database of cluster {@code name}: more than one when its members ran with
   * different settings (cluster mode off at one replica and on at more).
   */
  public List<SimulatedDatabase> databases(String namespace, String name) {
    return new ArrayList<>(pods.databases(namespace, name));
  }

  /**
   * {@code 127.0.0.1:<port>} where the member of pod {@code podName} listens; it refuses connections
   * while no incarnation of the pod runs a started member.
   */
  public String loopbackAddress(String namespace, String podName) {
    return pods.loopbackAddress(new PodRef(namespace, podName));
  }

  /**
   * {@link #loopbackAddress} for a member's stable DNS name {@code <pod>.<service>.<namespace>.svc...}
   * (the host the operator calls): the body of a pod-address resolver.
   */
  public String loopbackAddressOfHost(String podFqdn) {
    return pods.loopbackAddress(PodRef.ofHost(podFqdn));
  }

  /**
   * HTTP requests all simulated members received so far (any route, over every restart): the code
   * under test's cost to the database, e.g. health polls per member per minute at steady state.
   */
  public long memberRequests() {
    return pods.memberRequests();
  }

  // ---- run-to-completion pods -----------------------------------------------------------------

  /**
   * What container {@code container} of run-to-completion pod {@code podName} wrote (stdout, then
   * stderr), once it ran.
   */
  public Optional<String> containerLogs(String namespace, String podName, String container) {
    return runToCompletion.logs(namespace, podName, container);
  }

  // ---- API activity ----------------------------------------------------------------------------

  /** The current end of the API request log. */
  public ApiMark mark() {
    return new ApiMark(kubernetes.requests().size());
  }

  /** What the code under test requested since {@code mark}. */
  public ApiActivity activitySince(ApiMark mark) {
    return new ApiActivity(kubernetes.requests().since(mark.position()).stream()
        .filter(r -> !r.fromControllers()).toList());
  }

  // ---- proxies ---------------------------------------------------------------------------------

  /**
   * {@code 127.0.0.1:<port>} of the admin listener of the hyperbytedb-proxy pod with IP {@code podIp}
   * (what a ProxyEndpoint names); empty when no running proxy pod has that IP.
   */
  public Optional<String> proxyAdminAddressOfIp(String podIp) {
    return proxies.adminAddressOfIp(podIp);
  }

  /** Every exclude and include call the simulated proxies answered, in order. */
  public List<ProxyCall> proxyCalls() {
    return proxies.calls();
  }

  /**
   * Calls {@code listener} with every exclude and include call a simulated proxy answers, on the
   * proxy's thread before the answer goes out, so the listener sees the cluster as it was when the
   * call arrived: for invariant monitors ("a member is back before it is included again").
   */
  public void onProxyCall(Consumer<ProxyCall> listener) {
    proxies.onCall(listener);
  }

  /** The database pod IPs proxy pod {@code podName} excludes from its rotation now. */
  public Set<String> proxyExclusions(String namespace, String podName) {
    return proxies.excluded(new PodRef(namespace, podName));
  }

  /** The database pod IPs proxy pod {@code podName} routes to now: discovered, Active and not excluded. */
  public Set<String> proxyRouting(String namespace, String podName) {
    return proxies.routed(new PodRef(namespace, podName));
  }

  /**
   * Calls {@code listener} when a proxy pod starts with the backends it routes to, and after every
   * change of them (discovery, health probe, exclude or include), on the thread that changed them and
   * before anything is routed differently: for invariant monitors ("no proxy routes to a member that
   * is out").
   */
  public void onProxyRouting(Consumer<ProxyRouting> listener) {
    proxies.onRouting(listener);
  }

  // ---- observation -----------------------------------------------------------------------------

  /**
   * A client for the test's own reads: its requests are logged as the simulation's and never appear
   * in {@link #activitySince}, so observing does not disturb write or request counts.
   */
  public NamespacedKubernetesClient observerClient() {
    return kubeletClient;
  }

  /** Whether pod {@code podName} runs a member (current incarnation) whose {@code /health} answers 200. */
  public boolean memberReady(String namespace, String podName) {
    return pods.memberReady(new PodRef(namespace, podName));
  }

  /**
   * Calls {@code listener} after any member started or stopped with its pod or changed readiness, on
   * the thread that made the change: for invariant monitors ("never two members out at once").
   */
  public void onMemberChange(Runnable listener) {
    pods.onMemberChange(listener);
  }

  /** Stops the controllers, the members and the API. */
  @Override
  public void close() {
    runToCompletion.close();
    podMounts.close();
    proxies.close();
    statefulSets.close();
    deployments.close();
    volumeExpansion.close();
    pods.close();
    kubeletClient.close();
    kubernetes.close();
    if (ownedTime != null) {
      try {
        ownedTime.close();
      } catch (Exception e) {
        // nothing left to stop
      }
    }
  }

  /** How to set up a {@link SimulatedCluster}. */
  public static final class Builder {
    private SimulatedTime time;
    private AutoCloseable ownedTime;
    private Clock apiClock = Clock.systemUTC();
    private long faultSeed;
    private UnaryOperator<DatabaseOptions> databaseOptions = UnaryOperator.identity();
    private final Map<Predicate<String>, ContainerProgram> programs = new LinkedHashMap<>();
    private Duration proxyDiscoveryInterval = Duration.ofSeconds(5);
    private Duration proxyHealthInterval = Duration.ofSeconds(2);
    private List<StorageClass> storageClasses = List.of(StorageClasses.standard());
    private Duration volumeExpansionStep = Duration.ofMillis(200);

    private Builder() {}

    /**
     * The StorageClasses the cluster has (default: {@link StorageClasses#standard()}, the default
     * class, expandable). Replaces the default; e.g.
     * {@code storageClasses(StorageClasses.asDefault(StorageClasses.of("standard", false)))}.
     */
    public Builder storageClasses(StorageClass... classes) {
      this.storageClasses = List.of(classes);
      return this;
    }

    /** How long each step of a simulated volume expansion takes, in real time (default 200 ms). */
    public Builder volumeExpansionStep(Duration step) {
      if (step.isNegative()) {
        throw new IllegalArgumentException("step must not be negative");
      }
      this.volumeExpansionStep = step;
      return this;
    }

    /**
     * What containers of images matching {@code image} do in run-to-completion pods (pods with
     * {@code restartPolicy: Never} and no controller), e.g. the operator image's restore-fetch step.
     * HyperbyteDB server images run {@link ImageShell} unless a registration here matches first; pods
     * with an image nothing matches are left alone.
     */
    public Builder containerProgram(Predicate<String> image, ContainerProgram program) {
      programs.put(Objects.requireNonNull(image, "image"), Objects.requireNonNull(program, "program"));
      return this;
    }

    /** The time the members run on (default: real time). */
    public Builder time(SimulatedTime simulatedTime) {
      this.time = Objects.requireNonNull(simulatedTime, "time");
      return this;
    }

    /** The clock of the API's managedFields times (default: the system clock). */
    public Builder apiClock(Clock clock) {
      this.apiClock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The seed API fault probabilities draw from. */
    public Builder faultSeed(long seed) {
      this.faultSeed = seed;
      return this;
    }

    /**
     * Adjusts every database's options, which start as {@link DatabaseOptions#defaults} for the
     * StatefulSet's name and namespace; the mounted {@code config.toml} then sets cluster mode,
     * replication mode and port. E.g. {@code o -> o.withDrainAckTimeout(Duration.ofSeconds(4))}.
     */
    public Builder databaseOptions(UnaryOperator<DatabaseOptions> customize) {
      this.databaseOptions = Objects.requireNonNull(customize, "customize");
      return this;
    }

    /**
     * How often simulated proxy pods resolve their backend Service and probe their backends, on the
     * simulated time (default: the proxy's 5 s and 2 s); a pod's own
     * {@code HYPERBYTEDB_PROXY_DISCOVERY_INTERVAL_SECS} and {@code HYPERBYTEDB_PROXY_HEALTH_INTERVAL_SECS}
     * win. End-to-end runs on real time use short ones.
     */
    public Builder proxyIntervals(Duration discovery, Duration health) {
      if (discovery.isNegative() || discovery.isZero() || health.isNegative() || health.isZero()) {
        throw new IllegalArgumentException("proxy intervals must be positive");
      }
      this.proxyDiscoveryInterval = discovery;
      this.proxyHealthInterval = health;
      return this;
    }

    public SimulatedCluster start() {
      if (time == null) {
        RealTime real = SimulatedTime.real();
        time = real;
        ownedTime = real;
      }
      return new SimulatedCluster(this);
    }
  }
}
