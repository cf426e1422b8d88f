package cloud.hyperbyte.render.workload;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.render.RenderOptions;
import cloud.hyperbyte.render.config.ServerEnvironment;
import cloud.hyperbyte.render.tls.TlsSecretSource;
import cloud.hyperbyte.render.topology.Annotations;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The pod template of database members. */
public final class DatabasePodTemplate {

  public static final String CONTAINER = "hyperbytedb";
  public static final String PORT_NAME = "http";
  public static final String CONFIG_VOLUME = "config";
  public static final String TLS_VOLUME = "tls";
  public static final String TMP_VOLUME = "tmp";
  public static final String METRICS_PATH = "/metrics";

  private DatabasePodTemplate() {}

  /** The template for {@code spec}; {@code configHash} is the hash of the rendered config.toml. */
  public static PodTemplateSpec render(ClusterSpec spec, RenderOptions options, String configHash) {
    PodSpecBuilder pod =
        new PodSpecBuilder()
            // Service links would inject FOO_SERVICE_HOST style env; a Service named like
            // "hyperbytedb--x" would produce a HYPERBYTEDB__ variable that stops the server.
            .withEnableServiceLinks(false)
            .withTerminationGracePeriodSeconds(TerminationBudget.gracePeriodSeconds(spec))
            .withSecurityContext(spec.podSecurityContext().orElseGet(SecureDefaults::pod))
            .withContainers(container(spec))
            .withVolumes(volumes(spec))
            .withTolerations(spec.tolerations())
            .withTopologySpreadConstraints(spec.topologySpreadConstraints());
    if (!spec.nodeSelector().isEmpty()) {
      pod.withNodeSelector(new LinkedHashMap<>(spec.nodeSelector()));
    }
    affinity(spec).ifPresent(pod::withAffinity);
    spec.priorityClassName().ifPresent(pod::withPriorityClassName);
    spec.imagePullSecrets().forEach(secret -> pod.addToImagePullSecrets(new LocalObjectReference(secret)));
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(new LinkedHashMap<>(ClusterLabels.pod(spec)))
        .withAnnotations(annotations(spec, options, configHash))
        .endMetadata()
        .withSpec(pod.build())
        .build();
  }

  private static Map<String, String> annotations(ClusterSpec spec, RenderOptions options, String configHash) {
    Map<String, String> annotations = new LinkedHashMap<>(spec.podAnnotations());
    annotations.put(Annotations.CONFIG_HASH, configHash);
    if (TlsSecretSource.enabled(spec)) {
      options.certificateHash().ifPresent(hash -> annotations.put(Annotations.CERTIFICATE_HASH, hash));
    }
    spec.restartedAt().ifPresent(value -> annotations.put(Annotations.RESTARTED_AT, value));
    if (spec.monitoring().scrapeAnnotations()) {
      annotations.put(Annotations.PROMETHEUS_SCRAPE, "true");
      annotations.put(Annotations.PROMETHEUS_PORT, Integer.toString(spec.server().port()));
      annotations.put(Annotations.PROMETHEUS_PATH, METRICS_PATH);
      annotations.put(Annotations.PROMETHEUS_SCHEME, TlsSecretSource.enabled(spec) ? "https" : "http");
    }
    return annotations;
  }

  private static Container container(ClusterSpec spec) {
    boolean https = TlsSecretSource.enabled(spec);
    ContainerBuilder container =
        new ContainerBuilder()
            .withName(CONTAINER)
            .withImage(spec.image())
            .withCommand(StartScript.command(spec))
            .withEnv(env(spec))
            .addNewPort()
            .withName(PORT_NAME)
            .withContainerPort(spec.server().port())
            .withProtocol("TCP")
            .endPort()
            .withStartupProbe(Probes.startup(PORT_NAME, https))
            .withLivenessProbe(Probes.liveness(PORT_NAME, https))
            .withReadinessProbe(Probes.readiness(PORT_NAME, https))
            .withSecurityContext(spec.containerSecurityContext().orElseGet(SecureDefaults::container))
            .withVolumeMounts(mounts(spec));
    spec.imagePullPolicy().ifPresent(policy -> container.withImagePullPolicy(policy.wireValue()));
    spec.resources().ifPresent(container::withResources);
    PreStopDrain.lifecycle(spec).ifPresent(container::withLifecycle);
    return container.build();
  }

  private static List<EnvVar> env(ClusterSpec spec) {
    List<EnvVar> env = new ArrayList<>();
    ServerEnvironment.imageOverrides(spec).forEach((name, value) -> env.add(new EnvVar(name, value, null)));
    StartScript.environment(spec).forEach((name, value) -> env.add(new EnvVar(name, value, null)));
    return env;
  }

  private static List<Volume> volumes(ClusterSpec spec) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(
        new VolumeBuilder()
            .withName(CONFIG_VOLUME)
            .withNewConfigMap()
            .withName(ClusterNames.of(spec).configMap())
            .endConfigMap()
            .build());
    volumes.add(new VolumeBuilder().withName(TMP_VOLUME).withNewEmptyDir().endEmptyDir().build());
    TlsSecretSource.secretName(spec)
        .ifPresent(
            secret ->
                volumes.add(
                    new VolumeBuilder().withName(TLS_VOLUME).withNewSecret().withSecretName(secret).endSecret().build()));
    volumes.addAll(spec.additionalVolumes());
    return volumes;
  }

  private static List<VolumeMount> mounts(ClusterSpec spec) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(mount(ClusterNames.DATA_VOLUME, OperatorPaths.DATA_DIR, false));
    mounts.add(mount(CONFIG_VOLUME, OperatorPaths.CONFIG_DIR, true));
    mounts.add(mount(TMP_VOLUME, OperatorPaths.TMP_DIR, false));
    if (TlsSecretSource.enabled(spec)) {
      mounts.add(mount(TLS_VOLUME, OperatorPaths.TLS_DIR, true));
    }
    mounts.addAll(spec.additionalVolumeMounts());
    return mounts;
  }

  private static VolumeMount mount(String volume, String path, boolean readOnly) {
    VolumeMountBuilder mount = new VolumeMountBuilder().withName(volume).withMountPath(path);
    if (readOnly) {
      mount.withReadOnly(true);
    }
    return mount.build();
  }

  /**
   * The user's affinity, else in cluster mode a preferred anti-affinity that spreads members over
   * nodes. It appears when replicas cross 1, which changes the template; that restart happens
   * anyway because {@code [cluster] enabled} flips.
   */
  private static Optional<Affinity> affinity(ClusterSpec spec) {
    if (spec.affinity().isPresent()) {
      return spec.affinity();
    }
    if (!spec.clusterMode()) {
      return Optional.empty();
    }
    return Optional.of(
        new AffinityBuilder()
            .withNewPodAntiAffinity()
            .addNewPreferredDuringSchedulingIgnoredDuringExecution()
            .withWeight(100)
            .withNewPodAffinityTerm()
            .withTopologyKey("kubernetes.io/hostname")
            .withNewLabelSelector()
            .withMatchLabels(new LinkedHashMap<>(ClusterLabels.selector(spec)))
            .endLabelSelector()
            .endPodAffinityTerm()
            .endPreferredDuringSchedulingIgnoredDuringExecution()
            .endPodAntiAffinity()
            .build());
  }
}
