package cloud.hyperbyte.testkit.cluster;

import cloud.hyperbyte.testkit.db.SimulatedNode;
import cloud.hyperbyte.testkit.db.SimulatedTime;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs a {@link SimulatedProxy} for every hyperbytedb-proxy pod (a pod whose container has
 * {@code HYPERBYTEDB_PROXY_BACKEND_SERVICE}), from its creation to its deletion, logs every exclude
 * and include call and reports every change of what a proxy pod routes to. A proxy pod resolves its
 * backend Service to the IPs of the pods the Service selects (not deleted, with an IP) and probes
 * each through the member of the pod that has the IP. Intervals: {@code
 * HYPERBYTEDB_PROXY_DISCOVERY_INTERVAL_SECS} and {@code HYPERBYTEDB_PROXY_HEALTH_INTERVAL_SECS} from
 * the pod when set, else the cluster's (contract defaults 5 s and 2 s).
 */
final class SimulatedProxies implements AutoCloseable {

  static final String BACKEND_SERVICE_ENV = "HYPERBYTEDB_PROXY_BACKEND_SERVICE";

  private record Running(String uid, SimulatedProxy proxy, String podIp) {}

  static final String DISCOVERY_INTERVAL_ENV = "HYPERBYTEDB_PROXY_DISCOVERY_INTERVAL_SECS";
  static final String HEALTH_INTERVAL_ENV = "HYPERBYTEDB_PROXY_HEALTH_INTERVAL_SECS";

  private final KubernetesClient reader;
  private final SimulatedTime time;
  private final Function<PodRef, Optional<SimulatedNode>> members;
  private final Duration discoveryInterval;
  private final Duration healthInterval;
  private final Map<PodRef, Running> running = new ConcurrentHashMap<>();
  private final List<ProxyCall> calls = new CopyOnWriteArrayList<>();
  private final List<Consumer<ProxyCall>> callListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<ProxyRouting>> routingListeners = new CopyOnWriteArrayList<>();
  private volatile SharedIndexInformer<Pod> pods;

  /**
   * @param members the member a pod's current incarnation runs
   * @param discoveryInterval how often a proxy pod resolves its backend Service, unless the pod says
   * @param healthInterval how often a proxy pod probes its backends, unless the pod says
   */
  SimulatedProxies(KubernetesClient reader, SimulatedTime time, Function<PodRef, Optional<SimulatedNode>> members,
      Duration discoveryInterval, Duration healthInterval) {
    this.reader = reader;
    this.time = time;
    this.members = members;
    this.discoveryInterval = discoveryInterval;
    this.healthInterval = healthInterval;
  }

  SimulatedProxies start() {
    pods = reader.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        backendService(pod).ifPresent(service -> started(pod, service));
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        onAdd(pod);
      }

      @Override
      public void onDelete(Pod pod, boolean unknown) {
        Running gone = running.get(PodRef.of(pod));
        if (gone != null && gone.uid().equals(pod.getMetadata().getUid())) {
          running.remove(PodRef.of(pod));
          gone.proxy().close();
        }
      }
    });
    return this;
  }

  /** The admin listener of the proxy pod with {@code podIp}, the address a ProxyEndpoint names. */
  Optional<String> adminAddressOfIp(String podIp) {
    return running.values().stream().filter(r -> podIp.equals(r.podIp())).map(r -> r.proxy().address()).findFirst();
  }

  /** The admin listener of proxy pod {@code pod}. */
  Optional<String> adminAddress(PodRef pod) {
    return Optional.ofNullable(running.get(pod)).map(r -> r.proxy().address());
  }

  /** Backend IPs the proxy pod excludes now. */
  Set<String> excluded(PodRef pod) {
    return Optional.ofNullable(running.get(pod)).map(r -> r.proxy().excluded()).orElse(Set.of());
  }

  /** Backend IPs the proxy pod routes to now. */
  Set<String> routed(PodRef pod) {
    return Optional.ofNullable(running.get(pod)).map(r -> r.proxy().routed()).orElse(Set.of());
  }

  /** Calls {@code listener} with every change of what a proxy pod routes to, on the thread that changed it. */
  void onRouting(Consumer<ProxyRouting> listener) {
    routingListeners.add(listener);
  }

  List<ProxyCall> calls() {
    return List.copyOf(calls);
  }

  /** Calls {@code listener} with every exclude and include call, before the proxy answers it. */
  void onCall(Consumer<ProxyCall> listener) {
    callListeners.add(listener);
  }

  private void record(ProxyCall call) {
    calls.add(call);
    callListeners.forEach(listener -> listener.accept(call));
  }

  private synchronized void started(Pod pod, String backendService) {
    PodRef ref = PodRef.of(pod);
    String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
    Running current = running.get(ref);
    if (current != null && current.uid().equals(pod.getMetadata().getUid())) {
      if (ip != null && !ip.equals(current.podIp())) {
        running.put(ref, new Running(current.uid(), current.proxy(), ip));
      }
      return;
    }
    if (current != null) {
      current.proxy().close();
    }
    String namespace = pod.getMetadata().getNamespace();
    String service = backendService.split("\\.")[0];
    SimulatedProxy proxy = new SimulatedProxy(ref.name(), () -> backendIps(namespace, service),
        backendIp -> health(namespace, backendIp), this::record, this::routed, time,
        interval(pod, DISCOVERY_INTERVAL_ENV).orElse(discoveryInterval),
        interval(pod, HEALTH_INTERVAL_ENV).orElse(healthInterval));
    running.put(ref, new Running(pod.getMetadata().getUid(), proxy, ip));
    proxy.start();
  }

  private void routed(ProxyRouting routing) {
    routingListeners.forEach(listener -> listener.accept(routing));
  }

  /** The IPs the backend Service resolves to: every pod its selector matches, ready or not. */
  private Set<String> backendIps(String namespace, String serviceName) {
    Service service = reader.services().inNamespace(namespace).withName(serviceName).get();
    if (service == null || service.getSpec() == null || service.getSpec().getSelector() == null) {
      return Set.of();
    }
    return reader.pods().inNamespace(namespace).withLabels(service.getSpec().getSelector()).list().getItems().stream()
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null && p.getStatus() != null
            && p.getStatus().getPodIP() != null)
        .map(p -> p.getStatus().getPodIP()).collect(Collectors.toSet());
  }

  /**
   * What {@code GET /health} on {@code ip} answers: 2xx from a member that is ready, another status
   * from one that listens but is not, nothing from a pod without a listening member or an IP no pod has.
   */
  private SimulatedProxy.Health health(String namespace, String ip) {
    Optional<SimulatedNode> member = allPods().stream()
        .filter(p -> namespace.equals(p.getMetadata().getNamespace()) && p.getStatus() != null
            && ip.equals(p.getStatus().getPodIP()))
        .findFirst()
        .flatMap(p -> members.apply(PodRef.of(p)));
    if (member.isEmpty()) {
      return SimulatedProxy.Health.DOWN;
    }
    if (member.get().isReady()) {
      return SimulatedProxy.Health.ACTIVE;
    }
    return member.get().isListening() ? SimulatedProxy.Health.DRAINING : SimulatedProxy.Health.DOWN;
  }

  /** The pods as the informer has them; read directly while it is still starting. */
  private List<Pod> allPods() {
    SharedIndexInformer<Pod> informer = pods;
    return informer != null ? informer.getStore().list() : reader.pods().inAnyNamespace().list().getItems();
  }

  private static Optional<Duration> interval(Pod pod, String name) {
    return env(pod, name).flatMap(value -> {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }).filter(d -> !d.isZero() && !d.isNegative());
  }

  private static Optional<String> backendService(Pod pod) {
    return env(pod, BACKEND_SERVICE_ENV);
  }

  private static Optional<String> env(Pod pod, String name) {
    if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
      return Optional.empty();
    }
    for (Container container : pod.getSpec().getContainers()) {
      for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
        if (name.equals(env.getName()) && env.getValue() != null) {
          return Optional.of(env.getValue());
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    if (pods != null) {
      pods.close();
    }
    running.values().forEach(r -> r.proxy().close());
  }
}
