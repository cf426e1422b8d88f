package cloud.hyperbyte.testkit.kube;

import cloud.hyperbyte.model.crd.CrdSchemas;
import cloud.hyperbyte.testkit.kube.admission.AdmissionStep;
import cloud.hyperbyte.testkit.kube.admission.BuiltInRules;
import cloud.hyperbyte.testkit.kube.admission.PersistentVolumeClaimAdmission;
import cloud.hyperbyte.testkit.kube.admission.crd.CrdRules;
import cloud.hyperbyte.testkit.kube.admission.crd.CustomResourceAdmission;
import cloud.hyperbyte.testkit.kube.admission.crd.CustomResourceDefinitionAdmission;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * An in-process Kubernetes API for tests and embedders: the fabric8 mock server in CRUD mode with
 * the gaps to a real API server closed (server-side apply with managed fields, strategic merge
 * patch, RFC 7386 merge patch, built-in status subresources, garbage collection, the built-in
 * kinds' immutable-field rules of {@link BuiltInRules}, optimistic concurrency on status writes,
 * {@code Update} managers in managedFields, deletion held by finalizers), our CRDs
 * registered, a request log, fault injection and optional simulated controllers for StatefulSets and
 * Deployments. Close it to stop everything.
 *
 * <pre>{@code
 * try (SimulatedKubernetes kube = SimulatedKubernetes.start()) {
 *   kube.simulateStatefulSets(PodReadiness.always(), PodLifecycle.NONE);
 *   KubernetesClient client = kube.client();
 *   ...
 * }
 * }</pre>
 */
public final class SimulatedKubernetes implements AutoCloseable {

  /** The CRDs of {@code hyperbyte-model}, by plural. */
  public static final List<String> HYPERBYTE_CRDS = List.of("hyperbytedbclusters", "hyperbytedbbackups",
      "hyperbytedbrestores");

  private final KubernetesMockServer server;
  private final NamespacedKubernetesClient client;
  private final NamespacedKubernetesClient controllerClient;
  private final ApiFaults faults;
  private final ApiRequestLog requests;
  private final List<AutoCloseable> controllers = new ArrayList<>();
  private final CompensatingCrudDispatcher store;
  private final PodAddresses podAddresses = new PodAddresses();

  /**
   * The stock server logs every request and response at INFO; at scale (hundreds of thousands of
   * requests) formatting and printing them costs more than serving them. Held here: JUL keeps
   * loggers only weakly, and a collected logger would forget its level.
   */
  private static final Logger MOCK_SERVER_LOG = quiet(Logger.getLogger(MockWebServer.class.getName()));

  /**
   * The JSON mapping of every client made here, shared by all of them in the JVM. A client builder
   * otherwise makes a fresh one, whose Jackson deserializers for the model's kinds are then built
   * again on that client's first reads: measured in the fault campaign, where every seed starts new
   * clients, as 6 % of all CPU samples. Thread-safe; the custom resource classes it learns are the
   * same for every client.
   */
  private static final KubernetesSerialization CLIENT_SERIALIZATION = new KubernetesSerialization();

  private SimulatedKubernetes(Clock clock, long faultSeed) {
    Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
    this.faults = new ApiFaults(faultSeed);
    this.requests = new ApiRequestLog();
    this.store = new CompensatingCrudDispatcher(clock);
    BuiltInRules.all().forEach(store::addAdmissionStep);
    store.addAdmissionStep(new PersistentVolumeClaimAdmission());
    MockWebServer web = new MockWebServer();
    SimulatedApiDispatcher dispatcher = new SimulatedApiDispatcher(expectations, store, faults, requests,
        () -> forgetRecordedRequests(web));
    this.server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), web, expectations,
        dispatcher, false);
    server.init();
    this.client = newClient(b -> { });
    this.controllerClient = newClient(
        b -> b.editOrNewConfig().withUserAgent(SimulatedApiDispatcher.CONTROLLER_USER_AGENT).endConfig());
    // custom resources are admitted as the real server admits them; CRDs with bad rules are refused
    store.addAdmissionStep(new CustomResourceDefinitionAdmission());
    store.addAdmissionStep(new CustomResourceAdmission());
    for (String plural : HYPERBYTE_CRDS) {
      // compiling the rules takes seconds on a cold JVM; doing it here, outside any request, keeps
      // the create below (whose admission compiles them again, from the cache) within the client's timeout
      CrdRules.check(Json.parse(Serialization.asJson(CrdSchemas.definition(plural))));
      registerCrd(CrdSchemas.definition(plural));
    }
  }

  private static Logger quiet(Logger logger) {
    logger.setLevel(Level.WARNING);
    return logger;
  }

  /**
   * The stock server queues every request it receives, body included, for {@code takeRequest}, which
   * nothing here calls ({@link ApiRequestLog} is what tests read): unbounded, that queue held every
   * body of a long run.
   */
  private static void forgetRecordedRequests(MockWebServer web) {
    try {
      while (web.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
        // dropped
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Starts an API with the system clock and fault seed 0. */
  public static SimulatedKubernetes start() {
    return new SimulatedKubernetes(Clock.systemUTC(), 0L);
  }

  /** Starts an API whose managedFields times come from {@code clock} and whose faults draw from {@code faultSeed}. */
  public static SimulatedKubernetes start(Clock clock, long faultSeed) {
    return new SimulatedKubernetes(clock, faultSeed);
  }

  /** A client of the simulated API (default namespace {@code test}). */
  public NamespacedKubernetesClient client() {
    return client;
  }

  /**
   * A new client, e.g. with shorter timeouts: {@code b -> b.editOrNewConfig().withRequestTimeout(200).endConfig()}.
   * It reads and writes JSON with {@link #CLIENT_SERIALIZATION} unless {@code customizer} sets its own.
   */
  public NamespacedKubernetesClient newClient(Consumer<KubernetesClientBuilder> customizer) {
    return server.createClient(builder -> {
      builder.withKubernetesSerialization(CLIENT_SERIALIZATION);
      customizer.accept(builder);
    });
  }

  /** Registers a further CRD (e.g. cert-manager's), so its status subresource behaves like a real server's. */
  public void registerCrd(CustomResourceDefinition crd) {
    try {
      controllerClient.apiextensions().v1().customResourceDefinitions().resource(crd).create();
    } catch (KubernetesClientException e) {
      // on a starved machine the client can time out a create the server then completes, and its
      // retry finds the CRD there: registered all the same (measured at a load average of 40)
      boolean registered = e.getCode() == 409 && controllerClient.apiextensions().v1().customResourceDefinitions()
          .withName(crd.getMetadata().getName()).get() != null;
      if (!registered) {
        throw e;
      }
    }
  }

  /**
   * Adds an admission step, run on every create and update (patches and applies included) after the
   * built-in rules and the steps added before, on the object the server would store.
   */
  public void addAdmissionStep(AdmissionStep step) {
    store.addAdmissionStep(step);
  }

  /** Fault injection for requests of the code under test. */
  public ApiFaults faults() {
    return faults;
  }

  /**
   * Closes the open watch connections of every client but the testkit's own (controllers, kubelet,
   * observer), as an API server restart or a dropped connection would; returns how many. Combine
   * with {@code ApiFault.on(ApiVerb.WATCH, "*").respondWith(410)} for watches that must relist.
   */
  public int disconnectWatches() {
    return new WatchConnections(store).closeClientWatches();
  }

  /** Every request received so far. */
  public ApiRequestLog requests() {
    return requests;
  }

  /**
   * Every list answered so far (the newest ten thousand), oldest first, with its chunking: whether a
   * client asked for a {@code limit} and followed {@code continue} tokens.
   */
  public List<ServedList> servedLists() {
    return store.servedLists();
  }

  /** The pod IPs of this API's pods (the simulated CNI): every simulator that runs pods takes them from here. */
  public PodAddresses podAddresses() {
    return podAddresses;
  }

  /** The underlying fabric8 mock server (for its URL or extra expectations). */
  public KubernetesMockServer server() {
    return server;
  }

  /**
   * Starts a simulated StatefulSet controller (pods by ordinal, PVCs, update strategies, status),
   * stopped when this API closes.
   */
  public StatefulSetSimulator simulateStatefulSets(PodReadiness readiness, PodLifecycle lifecycle) {
    StatefulSetSimulator simulator = new StatefulSetSimulator(controllerClient, readiness, lifecycle, podAddresses);
    controllers.add(simulator);
    simulator.start();
    return simulator;
  }

  /**
   * Starts simulated volume expansion (the external resizer and the kubelet's filesystem resize) for
   * PVCs whose storage request grew, stopped when this API closes.
   */
  public VolumeExpansionSimulator simulateVolumeExpansion(Duration stepDelay) {
    VolumeExpansionSimulator simulator = new VolumeExpansionSimulator(controllerClient, stepDelay);
    controllers.add(simulator);
    simulator.start();
    return simulator;
  }

  /** Starts a simulated Deployment controller (ready pods per template), stopped when this API closes. */
  public DeploymentSimulator simulateDeployments() {
    DeploymentSimulator simulator = new DeploymentSimulator(controllerClient, podAddresses);
    controllers.add(simulator);
    simulator.start();
    return simulator;
  }

  @Override
  public void close() {
    for (int i = controllers.size() - 1; i >= 0; i--) {
      try {
        controllers.get(i).close();
      } catch (Exception e) {
        // keep closing the rest
      }
    }
    controllerClient.close();
    client.close();
    try {
      server.destroy();
    } catch (IllegalStateException slowShutdown) {
      // the mock gives its server 10 s to close; on a loaded machine open watch connections can take
      // longer. The server still closes in the background; a test's verdict must not depend on it.
      System.getLogger(SimulatedKubernetes.class.getName())
          .log(System.Logger.Level.WARNING, "mock API server did not close within its 10 s wait", slowShutdown);
    }
  }
}
