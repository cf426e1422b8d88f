package cloud.hyperbyte.operator.kube;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.operator.queue.ResourceKey;
import cloud.hyperbyte.operator.queue.ResourceKind;
import cloud.hyperbyte.render.topology.ClusterLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Map;
import java.util.Optional;

/**
 * Which custom resource an object belongs to, i.e. which key its events enqueue: the object itself
 * for our custom resources; the owner for an object whose ownerReference points at one of them; the
 * cluster named by the {@code app.kubernetes.io/instance} label otherwise (pods and PVCs, whose
 * owner is the StatefulSet).
 */
public final class OwnerKeys {

  private static final String GROUP_PREFIX = HyperbytedbCluster.GROUP + "/";

  private OwnerKeys() {}

  /** The key {@code object}'s events go to, if it belongs to one of our resources. */
  public static Optional<ResourceKey> of(HasMetadata object) {
    if (object == null || object.getMetadata() == null) {
      return Optional.empty();
    }
    String namespace = object.getMetadata().getNamespace();
    if (namespace == null) {
      return Optional.empty();
    }
    if (object.getApiVersion() != null && object.getApiVersion().startsWith(GROUP_PREFIX)) {
      Optional<ResourceKind> self = ResourceKind.ofKind(object.getKind());
      if (self.isPresent()) {
        return Optional.of(new ResourceKey(self.get(), namespace, object.getMetadata().getName()));
      }
    }
    if (object.getMetadata().getOwnerReferences() != null) {
      for (OwnerReference owner : object.getMetadata().getOwnerReferences()) {
        if (owner.getApiVersion() != null && owner.getApiVersion().startsWith(GROUP_PREFIX)) {
          Optional<ResourceKind> kind = ResourceKind.ofKind(owner.getKind());
          if (kind.isPresent()) {
            return Optional.of(new ResourceKey(kind.get(), namespace, owner.getName()));
          }
        }
      }
    }
    Map<String, String> labels = object.getMetadata().getLabels();
    if (labels != null && ClusterLabels.MANAGER.equals(labels.get(ClusterLabels.MANAGED_BY))
        && labels.get(ClusterLabels.INSTANCE) != null) {
      return Optional.of(ResourceKey.cluster(namespace, labels.get(ClusterLabels.INSTANCE)));
    }
    return Optional.empty();
  }
}
