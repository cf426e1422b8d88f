package cloud.hyperbyte.operator.e2e;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What happened to the clusters over a scenario, as watches delivered it: every phase change of each
 * cluster, and every pod incarnation (a pod name seen with a new UID), in order.
 */
final class ClusterHistory implements AutoCloseable {

  /** One status as a watch delivered it: the generation it describes, its phase and current version. */
  record StatusSeen(Long observedGeneration, String phase, String currentVersion) {}

  private final Map<String, List<String>> phases = new LinkedHashMap<>();
  private final Map<String, List<StatusSeen>> statuses = new LinkedHashMap<>();
  private final Map<String, List<String>> podUids = new LinkedHashMap<>();
  private final List<String> replacements = new CopyOnWriteArrayList<>();
  private final SharedIndexInformer<HyperbytedbCluster> clusters;
  private final SharedIndexInformer<Pod> pods;

  ClusterHistory(KubernetesClient observer) {
    clusters = observer.resources(HyperbytedbCluster.class).inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(HyperbytedbCluster cluster) {
        String phase = cluster.getStatus() == null ? null : cluster.getStatus().getPhase();
        if (phase != null) {
          synchronized (phases) {
            List<String> seen = phases.computeIfAbsent(cluster.getMetadata().getName(), n -> new ArrayList<>());
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(phase)) {
              seen.add(phase);
            }
            StatusSeen status = new StatusSeen(cluster.getStatus().getObservedGeneration(), phase,
                cluster.getStatus().getCurrentVersion());
            List<StatusSeen> all = statuses.computeIfAbsent(cluster.getMetadata().getName(), n -> new ArrayList<>());
            if (all.isEmpty() || !all.get(all.size() - 1).equals(status)) {
              all.add(status);
            }
          }
        }
      }

      @Override
      public void onUpdate(HyperbytedbCluster old, HyperbytedbCluster cluster) {
        onAdd(cluster);
      }

      @Override
      public void onDelete(HyperbytedbCluster cluster, boolean unknown) {
      }
    });
    pods = observer.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        synchronized (podUids) {
          List<String> uids = podUids.computeIfAbsent(pod.getMetadata().getName(), n -> new ArrayList<>());
          if (!uids.contains(pod.getMetadata().getUid())) {
            if (!uids.isEmpty()) {
              replacements.add(pod.getMetadata().getName());
            }
            uids.add(pod.getMetadata().getUid());
          }
        }
      }

      @Override
      public void onUpdate(Pod old, Pod pod) {
        onAdd(pod);
      }

      @Override
      public void onDelete(Pod pod, boolean unknown) {
      }
    });
  }

  /** The phases cluster {@code name} went through, without repeats in a row. */
  List<String> phases(String name) {
    synchronized (phases) {
      return List.copyOf(phases.getOrDefault(name, List.of()));
    }
  }

  /** The statuses cluster {@code name} went through (generation, phase, current version), without repeats in a row. */
  List<StatusSeen> statuses(String name) {
    synchronized (phases) {
      return List.copyOf(statuses.getOrDefault(name, List.of()));
    }
  }

  /** How many incarnations pod {@code name} had. */
  int incarnations(String podName) {
    synchronized (podUids) {
      return podUids.getOrDefault(podName, List.of()).size();
    }
  }

  /** Pod names in the order they were replaced by a new incarnation. */
  List<String> replacements() {
    return List.copyOf(replacements);
  }

  /** Replacements since {@code earlier}, a size of {@link #replacements()} taken before. */
  List<String> replacementsSince(int earlier) {
    List<String> all = replacements();
    return all.subList(Math.min(earlier, all.size()), all.size());
  }

  @Override
  public void close() {
    clusters.close();
    pods.close();
  }
}
