package cloud.hyperbyte.operator.e2e;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestore;
import cloud.hyperbyte.reconcile.restore.RestorePodRenderer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything a restore moves, in the order watches delivered it, as lines a test can read: {@code
 * "restore <name> <phase>"}, {@code "replicas <n>"} (the StatefulSet's spec), {@code "heldBy <name>"}
 * / {@code "heldBy -"} (the cluster's status), {@code "member <pod> started"} (a new member pod
 * incarnation) and {@code "restore-pod <pod> <phase>"} and {@code "pvc <claim> deleted"}. Only changes are recorded, so the invariants
 * are checked on the whole history rather than on one racy read.
 */
final class RestoreTimeline implements AutoCloseable {

  private final List<String> lines = new ArrayList<>();
  private final Map<String, String> last = new HashMap<>();
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();

  RestoreTimeline(KubernetesClient observer, String namespace, String cluster) {
    watch(observer.resources(HyperbytedbRestore.class).inNamespace(namespace).inform(handler(r ->
        r.getStatus() == null ? null : "restore " + r.getMetadata().getName() + " " + r.getStatus().getPhase())));
    watch(observer.apps().statefulSets().inNamespace(namespace).withName(cluster).inform(handler(s ->
        "replicas " + s.getSpec().getReplicas())));
    watch(observer.resources(HyperbytedbCluster.class).inNamespace(namespace).withName(cluster).inform(handler(c ->
        c.getStatus() == null ? null : "heldBy " + Objects.requireNonNullElse(c.getStatus().getHeldBy(), "-"))));
    watch(observer.pods().inNamespace(namespace).inform(handler(this::describePod)));
    watch(observer.persistentVolumeClaims().inNamespace(namespace).inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(PersistentVolumeClaim claim) {
      }

      @Override
      public void onUpdate(PersistentVolumeClaim old, PersistentVolumeClaim claim) {
      }

      @Override
      public void onDelete(PersistentVolumeClaim claim, boolean unknown) {
        synchronized (lines) {
          lines.add("pvc " + claim.getMetadata().getName() + " deleted");
        }
      }
    }));
  }

  private String describePod(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    if (labels.containsKey(RestorePodRenderer.RESTORE_LABEL)) {
      String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
      return "restore-pod " + pod.getMetadata().getName() + " " + phase;
    }
    boolean member = pod.getMetadata().getOwnerReferences() != null
        && pod.getMetadata().getOwnerReferences().stream().anyMatch(r -> "StatefulSet".equals(r.getKind()));
    return member ? "member " + pod.getMetadata().getName() + " started " + pod.getMetadata().getUid() : null;
  }

  private void watch(SharedIndexInformer<?> informer) {
    informers.add(informer);
  }

  private <T extends HasMetadata> ResourceEventHandler<T> handler(Function<T, String> describe) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        String line = describe.apply(object);
        if (line == null) {
          return;
        }
        String key = object.getKind() + "/" + object.getMetadata().getName();
        synchronized (lines) {
          if (!line.equals(last.put(key, line))) {
            lines.add(line.replaceAll(" started .*", " started"));
          }
        }
      }

      @Override
      public void onUpdate(T old, T object) {
        onAdd(object);
      }

      @Override
      public void onDelete(T object, boolean unknown) {
      }
    };
  }

  List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** The recorded lines starting with {@code prefix}, in order. */
  List<String> linesStartingWith(String prefix) {
    return lines().stream().filter(line -> line.startsWith(prefix)).toList();
  }

  /** Position of the first line equal to {@code line}, -1 if none. */
  int first(String line) {
    return lines().indexOf(line);
  }

  @Override
  public void close() {
    informers.forEach(SharedIndexInformer::close);
  }
}
