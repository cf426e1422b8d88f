package cloud.hyperbyte.operator.cli;

import cloud.hyperbyte.operator.controller.Operator;
import cloud.hyperbyte.operator.controller.OperatorSettings;
import cloud.hyperbyte.operator.controller.ProcessFencing;
import cloud.hyperbyte.operator.database.PodAddressResolver;
import cloud.hyperbyte.operator.database.ProxyAddressResolver;
import cloud.hyperbyte.operator.kube.WatchedNamespaces;
import cloud.hyperbyte.operator.leader.LeaseSettings;
import cloud.hyperbyte.operator.logging.LogFormat;
import cloud.hyperbyte.operator.logging.LogSettings;
import cloud.hyperbyte.operator.metrics.OperatorMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import cloud.hyperbyte.model.kube.DnsNames;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * {@code run}: the operator process. Connects with fabric8's usual discovery (in-cluster service
 * account, else {@code KUBECONFIG} / {@code ~/.kube/config}), watches the namespaces given, and
 * reconciles while it holds the leader Lease. Every option can also come from the environment
 * variable {@code HYPERBYTE_<OPTION>} (e.g. {@code HYPERBYTE_METRICS_PORT}); a flag wins.
 * SIGTERM finishes running reconciles, releases the Lease and exits 0. Losing the Lease exits 3
 * (every write and member call was fenced from the moment leadership lapsed; running backups are
 * cancelled), and Kubernetes restarts the pod as a standby.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the operator: watch HyperbyteDB resources and reconcile them (leader only).")
public final class RunCommand implements Callable<Integer> {

  /** Exit status after losing the leader Lease. */
  static final int LEADERSHIP_LOST = 3;

  @Option(names = "--namespaces", paramLabel = "NS[,NS...]", defaultValue = "${env:HYPERBYTE_NAMESPACES:-}",
      description = "Namespaces to watch, comma-separated; empty watches all namespaces.")
  String namespaces;

  @Option(names = "--cluster-domain", paramLabel = "DOMAIN", defaultValue = "${env:HYPERBYTE_CLUSTER_DOMAIN:-cluster.local}",
      description = "Kubernetes DNS domain of member addresses (default: ${DEFAULT-VALUE}).")
  String clusterDomain;

  @Option(names = "--leader-election", negatable = true, arity = "0..1", fallbackValue = "true",
      defaultValue = "${env:HYPERBYTE_LEADER_ELECTION:-true}",
      description = "Elect one active replica through a Lease (default: ${DEFAULT-VALUE}); --no-leader-election turns it off.")
  boolean leaderElection;

  @Option(names = "--leader-election-namespace", paramLabel = "NS",
      defaultValue = "${env:HYPERBYTE_LEADER_ELECTION_NAMESPACE:-}",
      description = "Namespace of the Lease; default: POD_NAMESPACE, else the client's namespace.")
  String leaderElectionNamespace;

  @Option(names = "--lease-name", paramLabel = "NAME",
      defaultValue = "${env:HYPERBYTE_LEASE_NAME:-" + LeaseSettings.DEFAULT_LEASE_NAME + "}",
      description = "Name of the leader-election Lease (default: ${DEFAULT-VALUE}).")
  String leaseName;

  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:HYPERBYTE_METRICS_PORT:-8080}",
      description = "Port of /metrics (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = "--health-port", paramLabel = "PORT", defaultValue = "${env:HYPERBYTE_HEALTH_PORT:-8081}",
      description = "Port of /healthz and /readyz (default: ${DEFAULT-VALUE}).")
  int healthPort;

  @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "${env:HYPERBYTE_LOG_LEVEL:-info}",
      description = "trace, debug, info, warn or error (default: ${DEFAULT-VALUE}).")
  String logLevel;

  @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:HYPERBYTE_LOG_FORMAT:-text}",
      description = "text or json (default: ${DEFAULT-VALUE}).")
  String logFormat;

  @Option(names = "--operator-image", paramLabel = "IMAGE", defaultValue = "${env:HYPERBYTE_OPERATOR_IMAGE:-}",
      description = "The operator's own image, run by restore pods; without it backups and restores are not reconciled.")
  String operatorImage;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "${env:HYPERBYTE_WORKERS:-4}",
      description = "Resources reconciled at once (default: ${DEFAULT-VALUE}).")
  int workers;

  @CommandLine.ParentCommand HyperbyteCommand root;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    checkNames();
    LogSettings.configure(LogSettings.parseLevel(logLevel), LogFormat.parse(logFormat));
    // every API write, action and member call passes the fence: a replica that may have lost the Lease acts on nothing
    ProcessFencing fencing = new ProcessFencing();
    KubernetesClientBuilder clientBuilder = new KubernetesClientBuilder();
    fencing.configure(clientBuilder, http -> {});
    KubernetesClient client = clientBuilder.build();
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    Operator operator = fencing.fenced(new Operator(client, settings(client.getNamespace()),
        new OperatorMetrics(registry), PodAddressResolver.podDns(), ProxyAddressResolver.podIp(), Clock.systemUTC()),
        // exit, so Kubernetes restarts the pod as a fresh standby with nothing of the old term in flight;
        // from another thread, as the shutdown hook waits for the election thread this runs on
        () -> new Thread(() -> System.exit(LEADERSHIP_LOST), "leadership-lost").start());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      operator.close();
      client.close();
      stopped.countDown();
    }, "shutdown"));
    try {
      operator.start(Duration.ofMinutes(5));
    } catch (Exception e) {
      log().error("operator failed to start: {}", e.getMessage(), e);
      return 1;
    }
    log().info("operator running (namespaces: {}, leader election: {})", WatchedNamespaces.parse(namespaces),
        leaderElection ? "on" : "off");
    stopped.await();
    return 0;
  }

  /**
   * Refuses, before anything connects, a cluster domain that is not a DNS subdomain and namespaces
   * that are not DNS labels: both end up in member addresses and Lease names (exit code 2, as any
   * bad flag).
   */
  void checkNames() {
    List<String> problems = new ArrayList<>();
    DnsNames.subdomain(clusterDomain).ifPresent(why -> problems.add("--cluster-domain: the cluster domain " + why));
    for (String namespace : WatchedNamespaces.parse(namespaces).namespaces()) {
      DnsNames.label(namespace).ifPresent(why -> problems.add("--namespaces: namespace " + why));
    }
    if (leaderElectionNamespace != null && !leaderElectionNamespace.isBlank()) {
      DnsNames.label(leaderElectionNamespace).ifPresent(why -> problems.add("--leader-election-namespace: " + why));
    }
    if (!problems.isEmpty()) {
      throw new ParameterException(spec.commandLine(), String.join("\n", problems));
    }
  }

  /** The process settings from the options; {@code clientNamespace} is the Lease's last-resort namespace. */
  OperatorSettings settings(String clientNamespace) {
    Optional<LeaseSettings> lease = leaderElection
        ? Optional.of(LeaseSettings.withDefaultTimings(leaseNamespace(clientNamespace), leaseName, identity()))
        : Optional.empty();
    return new OperatorSettings(WatchedNamespaces.parse(namespaces), clusterDomain, lease, metricsPort, healthPort,
        workers, Duration.ofMinutes(10), Duration.ofSeconds(15), Duration.ofSeconds(20),
        Optional.ofNullable(operatorImage).filter(image -> !image.isBlank()));
  }

  private String leaseNamespace(String clientNamespace) {
    if (leaderElectionNamespace != null && !leaderElectionNamespace.isBlank()) {
      return leaderElectionNamespace;
    }
    String podNamespace = root.environment().variables().get("POD_NAMESPACE");
    if (podNamespace != null && !podNamespace.isBlank()) {
      return podNamespace;
    }
    return clientNamespace == null || clientNamespace.isBlank() ? "default" : clientNamespace;
  }

  /** The pod name (unique per replica) or, outside a pod, host name plus a random suffix. */
  private String identity() {
    String pod = root.environment().variables().get("POD_NAME");
    if (pod != null && !pod.isBlank()) {
      return pod;
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "operator";
    }
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Looked up when the operator starts, not when the command line is built: other commands never log. */
  private static Logger log() {
    return LoggerFactory.getLogger(RunCommand.class);
  }
}
