package cloud.hyperbyte.reconcile.snapshot;

import cloud.hyperbyte.render.topology.Annotations;
import cloud.hyperbyte.render.workload.DatabasePodTemplate;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What in a member's pod template says why it restarts when it changes, read from a pod (what the
 * member started with) or from the StatefulSet's template (what it restarts into).
 *
 * @param image the database container's image; empty when not observed
 * @param configHash the config-hash annotation
 * @param certificateHash the certificate-hash annotation, present with TLS
 * @param restartedAt the restart request the template carries, if any
 * @param goOperatorPod whether the Go operator made the template (its init container
 *     {@value #GO_OPERATOR_INIT_CONTAINER}, which this operator never renders)
 */
public record TemplateInputs(Optional<String> image, Optional<String> configHash, Optional<String> certificateHash,
    Optional<String> restartedAt, boolean goOperatorPod) {

  /** The init container every pod of the Go operator runs to derive its node id. */
  public static final String GO_OPERATOR_INIT_CONTAINER = "init-node-id";

  /** A pod whose template was not observed (no database container). */
  public static final TemplateInputs UNKNOWN =
      new TemplateInputs(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  public TemplateInputs {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(configHash, "configHash");
    Objects.requireNonNull(certificateHash, "certificateHash");
    Objects.requireNonNull(restartedAt, "restartedAt");
  }

  /** Inputs of a template this operator rendered. */
  public TemplateInputs(Optional<String> image, Optional<String> configHash, Optional<String> certificateHash,
      Optional<String> restartedAt) {
    this(image, configHash, certificateHash, restartedAt, false);
  }

  /** Reads the inputs from a pod's or a pod template's metadata and spec; either may be null. */
  public static TemplateInputs of(ObjectMeta meta, PodSpec spec) {
    Map<String, String> annotations = meta == null || meta.getAnnotations() == null ? Map.of() : meta.getAnnotations();
    Optional<String> image = spec == null || spec.getContainers() == null ? Optional.empty()
        : spec.getContainers().stream()
            .filter(c -> DatabasePodTemplate.CONTAINER.equals(c.getName()))
            .map(Container::getImage)
            .filter(Objects::nonNull)
            .findFirst();
    boolean goOperatorPod = spec != null && spec.getInitContainers() != null
        && spec.getInitContainers().stream().anyMatch(c -> GO_OPERATOR_INIT_CONTAINER.equals(c.getName()));
    return new TemplateInputs(image,
        Optional.ofNullable(annotations.get(Annotations.CONFIG_HASH)),
        Optional.ofNullable(annotations.get(Annotations.CERTIFICATE_HASH)),
        Optional.ofNullable(annotations.get(Annotations.RESTARTED_AT)), goOperatorPod);
  }

  /** Whether these inputs were read from a database pod (its image is known). */
  public boolean known() {
    return image.isPresent();
  }
}
