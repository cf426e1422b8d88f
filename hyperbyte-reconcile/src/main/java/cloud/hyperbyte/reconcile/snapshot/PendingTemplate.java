package cloud.hyperbyte.reconcile.snapshot;

import cloud.hyperbyte.render.topology.Annotations;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the pass is about to change the pod template: the live StatefulSet was observed before
 * this pass applied the rendered one, so a new version, image, configuration, certificate or restart request does not
 * show as stale pods yet. Without this, the status of that pass would say Running with the new
 * version before any member restarted, and the proxy would roll together with the members.
 */
final class PendingTemplate {

  private static final List<String> ROLLING_ANNOTATIONS = List.of(Annotations.CONFIG_HASH, Annotations.CERTIFICATE_HASH, Annotations.RESTARTED_AT);

  private PendingTemplate() {}

  static boolean of(ObservedCluster observed) {
    Optional<StatefulSet> live = observed.statefulSet();
    if (live.isEmpty()) {
      return false;
    }
    return observed.rendered().objects().stream()
        .filter(StatefulSet.class::isInstance)
        .map(StatefulSet.class::cast)
        .findFirst()
        .map(desired -> differs(desired.getSpec().getTemplate(), live.get().getSpec().getTemplate()))
        .orElse(false);
  }

  private static boolean differs(PodTemplateSpec desired, PodTemplateSpec live) {
    if (live == null || live.getSpec() == null) {
      return false; // nothing observed to compare with
    }
    Map<String, String> liveAnnotations = live.getMetadata() == null || live.getMetadata().getAnnotations() == null
        ? Map.of() : live.getMetadata().getAnnotations();
    Map<String, String> desiredAnnotations = desired.getMetadata() == null || desired.getMetadata().getAnnotations() == null
        ? Map.of() : desired.getMetadata().getAnnotations();
    for (String key : ROLLING_ANNOTATIONS) {
      if (!Objects.equals(desiredAnnotations.get(key), liveAnnotations.get(key))) {
        return true;
      }
    }
    for (Container container : desired.getSpec().getContainers()) {
      Optional<Container> running = live.getSpec().getContainers().stream()
          .filter(c -> c.getName().equals(container.getName())).findFirst();
      if (running.isEmpty() || !Objects.equals(container.getImage(), running.get().getImage())) {
        return true;
      }
    }
    return false;
  }
}
