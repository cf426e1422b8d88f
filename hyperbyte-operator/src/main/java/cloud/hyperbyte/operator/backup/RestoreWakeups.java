package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestore;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.operator.queue.ResourceKind;
import cloud.hyperbyte.reconcile.restore.RestoreDecision;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Which restores an event wakes besides its own key: a restore in progress waits on its cluster
 * (member pods to go, the StatefulSet at zero, the cluster Ready again after the release), and
 * every event that maps to the cluster's key ({@code kube.OwnerKeys}: the cluster itself, its
 * StatefulSet, its pods) is also handed to the keys of the restores in progress on that cluster.
 * The restores are looked up by {@code spec.clusterName} rather than through the cluster's hold
 * annotation, because ScalingUp waits on the cluster after the hold is released.
 */
public final class RestoreWakeups {

  private final Supplier<? extends Collection<HyperbytedbRestore>> restores;

  /** @param restores the cached restores of every watched namespace */
  public RestoreWakeups(Supplier<? extends Collection<HyperbytedbRestore>> restores) {
    this.restores = Objects.requireNonNull(restores, "restores");
  }

  /** The restores in progress on the cluster {@code key} names; none for a key of another kind. */
  public List<ResourceKey> waitingOn(ResourceKey key) {
    if (key.kind() != ResourceKind.CLUSTER) {
      return List.of();
    }
    return restores.get().stream()
        .filter(restore -> key.namespace().equals(restore.getMetadata().getNamespace()))
        .filter(restore -> restore.getSpec() != null && key.name().equals(restore.getSpec().getClusterName()))
        .filter(RestoreWakeups::inProgress)
        .map(restore -> ResourceKey.restore(key.namespace(), restore.getMetadata().getName()))
        .toList();
  }

  /** A sink that hands each key to {@code sink}, then the keys of the restores waiting on it. */
  public Consumer<ResourceKey> andWaiting(Consumer<ResourceKey> sink) {
    Objects.requireNonNull(sink, "sink");
    return key -> {
      sink.accept(key);
      waitingOn(key).forEach(sink);
    };
  }

  /** A sink that hands {@code sink} only the keys of the restores waiting on each key. */
  public Consumer<ResourceKey> waitingOnly(Consumer<ResourceKey> sink) {
    Objects.requireNonNull(sink, "sink");
    return key -> waitingOn(key).forEach(sink);
  }

  private static boolean inProgress(HyperbytedbRestore restore) {
    String phase = restore.getStatus() == null ? null : restore.getStatus().getPhase();
    return !RestoreDecision.COMPLETED.equals(phase) && !RestoreDecision.FAILED.equals(phase);
  }
}
