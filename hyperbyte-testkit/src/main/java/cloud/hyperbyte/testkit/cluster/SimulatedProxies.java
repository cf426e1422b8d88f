package cloud.hyperbyte.testkit.cluster;

import cloud.hyperbyte.testkit.db.SimulatedTime;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs a {@link SimulatedProxy} admin listener for every hyperbytedb-proxy pod (a pod whose container
 * has {@code HYPERBYTEDB_PROXY_BACKEND_SERVICE}), from its creation to its deletion, and logs every
 * exclude and include call.
 */
final class SimulatedProxies implements AutoCloseable {

  static final String BACKEND_SERVICE_ENV = "HYPERBYTEDB_PROXY_BACKEND_SERVICE";

  private record Running(String uid, SimulatedProxy proxy, String podIp) {}

  private final KubernetesClient reader;
  private final SimulatedTime time;
  private final Map<PodRef, Running> running = new ConcurrentHashMap<>();
  private final List<ProxyCall> calls = new CopyOnWriteArrayList<>();
  private final List<Consumer<ProxyCall>> callListeners = new CopyOnWriteArrayList<>();
  private SharedIndexInformer<Pod> pods;

  SimulatedProxies(KubernetesClient reader, SimulatedTime time) {
    this.reader = reader;
    this.time = time;
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
    running.put(ref, new Running(pod.getMetadata().getUid(),
        new SimulatedProxy(ref.name(), () -> backendIps(namespace, service), this::record, time::now), ip));
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

  private static Optional<String> backendService(Pod pod) {
    if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
      return Optional.empty();
    }
    for (Container container : pod.getSpec().getContainers()) {
      for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
        if (BACKEND_SERVICE_ENV.equals(env.getName()) && env.getValue() != null) {
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
