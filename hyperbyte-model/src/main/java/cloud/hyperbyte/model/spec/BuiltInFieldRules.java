package cloud.hyperbyte.model.spec;

import cloud.hyperbyte.model.kube.DnsNames;
import cloud.hyperbyte.model.kube.ImageReferences;
import cloud.hyperbyte.model.kube.QualifiedNames;
import cloud.hyperbyte.model.kube.Quantities;
import cloud.hyperbyte.model.v1alpha1.AuthSpec;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterSpec;
import cloud.hyperbyte.model.v1alpha1.ProxySpec;
import cloud.hyperbyte.model.v1alpha1.TlsSpec;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rules the API server and the kubelet apply to the built-in fields a cluster spec carries into
 * its StatefulSet, Deployment, PVCs and Secrets references ({@code pkg/apis/core/validation}:
 * ValidateResourceRequirements, ValidateLabels, ValidateAnnotations, validateTolerations,
 * validateTopologySpreadConstraints, ValidateNodeSelector, validateVolumes, validateVolumeMounts,
 * ValidateClassName; the image reference grammar), checked up front so that a bad value is refused
 * with its field path instead of a 422 at apply time or an InvalidImageName on the first restarted member.
 */
final class BuiltInFieldRules {

  /** {@code TotalAnnotationSizeLimitB}. */
  static final int ANNOTATIONS_MAX_BYTES = 256 * 1024;

  private static final Set<String> STANDARD_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage");
  private static final Set<String> TOLERATION_OPERATORS = Set.of("Equal", "Exists");
  private static final Set<String> TAINT_EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  private static final Set<String> WHEN_UNSATISFIABLE = Set.of("DoNotSchedule", "ScheduleAnyway");

  private final List<Problem> problems;

  private BuiltInFieldRules(List<Problem> problems) {
    this.problems = problems;
  }

  /** Adds a problem for every built-in field of {@code spec} that Kubernetes would refuse. */
  static void check(HyperbytedbClusterSpec spec, List<Problem> problems) {
    BuiltInFieldRules rules = new BuiltInFieldRules(problems);
    rules.image("spec.image", spec.getImage());
    rules.versionTag(spec);
    rules.resources("spec.resources", spec.getResources());
    rules.labels("spec.podLabels", spec.getPodLabels());
    rules.annotations("spec.podAnnotations", spec.getPodAnnotations());
    rules.labels("spec.nodeSelector", spec.getNodeSelector());
    rules.tolerations(spec.getTolerations());
    rules.topologySpread(spec.getTopologySpreadConstraints());
    rules.volumes(spec.getAdditionalVolumes(), spec.getAdditionalVolumeMounts());
    rules.subdomain("spec.priorityClassName", spec.getPriorityClassName());
    if (spec.getStorage() != null && spec.getStorage().getVolumeClaimTemplate() != null) {
      rules.subdomain("spec.storage.volumeClaimTemplate.storageClassName",
          spec.getStorage().getVolumeClaimTemplate().getStorageClassName());
    }
    AuthSpec auth = spec.getAuth();
    if (auth != null) {
      rules.subdomain("spec.auth.credentialsSecretName", auth.getCredentialsSecretName());
    }
    TlsSpec tls = spec.getServer() == null ? null : spec.getServer().getTls();
    if (tls != null) {
      rules.subdomain("spec.server.tls.secretName", tls.getSecretName());
    }
    ProxySpec proxy = spec.getProxy();
    if (proxy != null) {
      rules.image("spec.proxy.image", proxy.getImage());
      rules.resources("spec.proxy.resources", proxy.getResources());
      rules.labels("spec.proxy.podLabels", proxy.getPodLabels());
      rules.annotations("spec.proxy.podAnnotations", proxy.getPodAnnotations());
    }
  }

  private void error(String path, String message) {
    problems.add(Problem.error(path, message));
  }

  private void image(String path, String image) {
    if (image != null) {
      ImageReferences.check(image).ifPresent(why -> error(path, why));
    }
  }

  /** The version becomes the image tag when the image names none. */
  private void versionTag(HyperbytedbClusterSpec spec) {
    String version = spec.getVersion();
    if (version == null || (spec.getImage() != null && ImageReference.hasTagOrDigest(spec.getImage()))) {
      return;
    }
    ImageReferences.tag(ImageReference.normalizeVersion(version))
        .ifPresent(why -> error("spec.version", why + " (the version is the image tag)"));
  }

  private void resources(String path, ResourceRequirements resources) {
    if (resources == null) {
      return;
    }
    Map<String, BigDecimal> limits = quantities(path + ".limits", resources.getLimits());
    Map<String, BigDecimal> requests = quantities(path + ".requests", resources.getRequests());
    requests.forEach((name, request) -> {
      BigDecimal limit = limits.get(name);
      if (limit != null && request.compareTo(limit) > 0) {
        error(path + ".requests[" + name + "]", "\"" + text(resources.getRequests().get(name))
            + "\" must be less than or equal to " + name + " limit of " + text(resources.getLimits().get(name)));
      }
    });
  }

  private Map<String, BigDecimal> quantities(String path, Map<String, Quantity> quantities) {
    Map<String, BigDecimal> values = new java.util.LinkedHashMap<>();
    if (quantities == null) {
      return values;
    }
    quantities.forEach((name, quantity) -> {
      String entry = path + "[" + name + "]";
      if (!STANDARD_RESOURCES.contains(name) && !name.startsWith("hugepages-")
          && !(name.contains("/") && QualifiedNames.check(name).isEmpty())) {
        error(entry, "\"" + name + "\" is not a resource name: use cpu, memory, ephemeral-storage, hugepages-<size>"
            + " or a fully qualified extended resource such as example.com/gpu");
        return;
      }
      String text = text(quantity);
      Optional<String> why = Quantities.nonNegative(text);
      if (why.isPresent()) {
        error(entry, why.get());
      } else {
        values.put(name, Quantities.parse(text).orElseThrow());
      }
    });
    return values;
  }

  /** Adds a problem for every label and annotation of the cluster itself that the API server would refuse. */
  static void checkMetadata(ObjectMeta meta, List<Problem> problems) {
    BuiltInFieldRules rules = new BuiltInFieldRules(problems);
    rules.labels("metadata.labels", meta.getLabels());
    rules.annotations("metadata.annotations", meta.getAnnotations());
  }

  private static String text(Quantity quantity) {
    if (quantity == null) {
      return "";
    }
    return (quantity.getAmount() == null ? "" : quantity.getAmount())
        + (quantity.getFormat() == null ? "" : quantity.getFormat());
  }

  private void labels(String path, Map<String, String> labels) {
    labels(path, labels, problems);
  }

  /** Label keys and values as {@code ValidateLabels} checks them, each problem at {@code path[key]}. */
  static void labels(String path, Map<String, String> labels, List<Problem> problems) {
    if (labels == null) {
      return;
    }
    labels.forEach((key, value) -> {
      String at = path + "[" + key + "]";
      QualifiedNames.check(key).ifPresent(why -> problems.add(Problem.error(at, "key " + why)));
      QualifiedNames.labelValue(value).ifPresent(why -> problems.add(Problem.error(at, why)));
    });
  }

  private void annotations(String path, Map<String, String> annotations) {
    if (annotations == null) {
      return;
    }
    long bytes = 0;
    for (Map.Entry<String, String> entry : annotations.entrySet()) {
      QualifiedNames.check(entry.getKey().toLowerCase(java.util.Locale.ROOT))
          .ifPresent(why -> error(path + "[" + entry.getKey() + "]", "key " + why));
      bytes += entry.getKey().getBytes(StandardCharsets.UTF_8).length
          + (entry.getValue() == null ? 0 : entry.getValue().getBytes(StandardCharsets.UTF_8).length);
    }
    if (bytes > ANNOTATIONS_MAX_BYTES) {
      error(path, "may have at most " + ANNOTATIONS_MAX_BYTES + " bytes in all (has " + bytes + ")");
    }
  }

  private void tolerations(List<Toleration> tolerations) {
    for (int i = 0; tolerations != null && i < tolerations.size(); i++) {
      Toleration t = tolerations.get(i);
      String path = "spec.tolerations[" + i + "]";
      String operator = t.getOperator() == null || t.getOperator().isEmpty() ? "Equal" : t.getOperator();
      if (t.getKey() != null && !t.getKey().isEmpty()) {
        QualifiedNames.check(t.getKey()).ifPresent(why -> error(path + ".key", why));
      } else if (!"Exists".equals(operator)) {
        error(path + ".operator", "must be Exists when key is empty (it then tolerates every taint)");
      }
      if (!TOLERATION_OPERATORS.contains(operator)) {
        error(path + ".operator", "\"" + t.getOperator() + "\" is not supported: use Equal or Exists");
      } else if ("Exists".equals(operator) && t.getValue() != null && !t.getValue().isEmpty()) {
        error(path + ".value", "must be empty when operator is Exists");
      } else if ("Equal".equals(operator)) {
        QualifiedNames.labelValue(t.getValue()).ifPresent(why -> error(path + ".value", why));
      }
      String effect = t.getEffect();
      if (effect != null && !effect.isEmpty() && !TAINT_EFFECTS.contains(effect)) {
        error(path + ".effect", "\"" + effect + "\" is not supported: use NoSchedule, PreferNoSchedule or NoExecute");
      }
      if (t.getTolerationSeconds() != null && !"NoExecute".equals(effect)) {
        error(path + ".tolerationSeconds", "needs effect NoExecute (only NoExecute taints evict after a time)");
      }
    }
  }

  private void topologySpread(List<TopologySpreadConstraint> constraints) {
    Set<String> pairs = new HashSet<>();
    for (int i = 0; constraints != null && i < constraints.size(); i++) {
      TopologySpreadConstraint c = constraints.get(i);
      String path = "spec.topologySpreadConstraints[" + i + "]";
      if (c.getMaxSkew() == null || c.getMaxSkew() < 1) {
        error(path + ".maxSkew", "must be greater than zero (got " + c.getMaxSkew() + ")");
      }
      if (c.getTopologyKey() == null || c.getTopologyKey().isEmpty()) {
        error(path + ".topologyKey", "is required, e.g. topology.kubernetes.io/zone");
      } else {
        QualifiedNames.check(c.getTopologyKey()).ifPresent(why -> error(path + ".topologyKey", why));
      }
      if (c.getWhenUnsatisfiable() == null || !WHEN_UNSATISFIABLE.contains(c.getWhenUnsatisfiable())) {
        error(path + ".whenUnsatisfiable", "\"" + c.getWhenUnsatisfiable()
            + "\" is not supported: use DoNotSchedule or ScheduleAnyway");
      }
      if (c.getMinDomains() != null) {
        if (c.getMinDomains() < 1) {
          error(path + ".minDomains", "must be greater than zero");
        } else if (!"DoNotSchedule".equals(c.getWhenUnsatisfiable())) {
          error(path + ".minDomains", "can only be set when whenUnsatisfiable is DoNotSchedule");
        }
      }
      if (!pairs.add(c.getTopologyKey() + "\u0000" + c.getWhenUnsatisfiable())) {
        error(path, "duplicates an earlier constraint with the same topologyKey and whenUnsatisfiable");
      }
    }
  }

  private void volumes(List<Volume> volumes, List<VolumeMount> mounts) {
    Set<String> names = new HashSet<>(OperatorPaths.RESERVED_VOLUME_NAMES);
    Set<String> additional = new HashSet<>();
    for (int i = 0; volumes != null && i < volumes.size(); i++) {
      String name = volumes.get(i).getName();
      String path = "spec.additionalVolumes[" + i + "].name";
      Optional<String> why = DnsNames.label(name);
      if (why.isPresent()) {
        error(path, why.get());
      } else if (!additional.add(name)) {
        error(path, "\"" + name + "\" is used by an earlier volume; volume names must be unique");
      }
      names.add(name);
    }
    Set<String> mountPaths = new HashSet<>();
    for (int i = 0; mounts != null && i < mounts.size(); i++) {
      VolumeMount mount = mounts.get(i);
      String path = "spec.additionalVolumeMounts[" + i + "]";
      if (mount.getName() == null || mount.getName().isEmpty()) {
        error(path + ".name", "is required");
      } else if (!names.contains(mount.getName())) {
        error(path + ".name", "\"" + mount.getName() + "\" names no volume: add it to spec.additionalVolumes");
      }
      if (mount.getMountPath() == null || mount.getMountPath().isEmpty()) {
        error(path + ".mountPath", "is required");
      } else if (!mountPaths.add(mount.getMountPath())) {
        error(path + ".mountPath", "\"" + mount.getMountPath() + "\" is mounted twice; it must be unique");
      }
    }
  }

  private void subdomain(String path, String value) {
    if (value != null && !value.isEmpty()) {
      DnsNames.subdomain(value).ifPresent(why -> error(path, why));
    }
  }
}
