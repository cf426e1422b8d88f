package cloud.hyperbyte.operator.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What the cache keeps of a pod a StatefulSet made (a database member): its metadata and status, and
 * of its spec only what the operator reads of a member, the node it runs on and its containers' names
 * and images. The rest of the spec repeats the StatefulSet's template (volumes, probes, environment,
 * security settings) and made up most of the operator's heap at 1,000 clusters. Pods the operator
 * makes itself (seed, backup and restore pods) are kept whole: their reconcilers read more.
 */
final class MemberPods {

  private MemberPods() {}

  /** Slims {@code pod} in place when a StatefulSet controls it. */
  static void slim(Pod pod) {
    if (!controlledByStatefulSet(pod) || pod.getSpec() == null) {
      return;
    }
    PodSpec full = pod.getSpec();
    PodSpec kept = new PodSpec();
    kept.setNodeName(full.getNodeName());
    kept.setContainers(namesAndImages(full.getContainers()));
    kept.setInitContainers(namesAndImages(full.getInitContainers()));
    pod.setSpec(kept);
  }

  private static boolean controlledByStatefulSet(Pod pod) {
    List<OwnerReference> owners = pod.getMetadata() == null ? null : pod.getMetadata().getOwnerReferences();
    return owners != null && owners.stream()
        .anyMatch(owner -> Boolean.TRUE.equals(owner.getController()) && "StatefulSet".equals(owner.getKind()));
  }

  private static List<Container> namesAndImages(List<Container> containers) {
    if (containers == null) {
      return null;
    }
    return containers.stream().map(c -> {
      Container kept = new Container();
      kept.setName(c.getName() == null ? null : c.getName().intern());
      kept.setImage(c.getImage() == null ? null : c.getImage().intern());
      return kept;
    }).collect(Collectors.toCollection(ArrayList::new));
  }
}
