package cloud.hyperbyte.model.spec;

import cloud.hyperbyte.model.v1alpha1.PullPolicy;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A validated HyperbyteDB cluster with every default applied. Built by {@link
 * ClusterSpecFactory}; consumed by render and the lifecycle decisions. Maps keep insertion order,
 * so everything derived from a spec is deterministic.
 */
@Value.Immutable
public interface ClusterSpec {

  /** Name of the HyperbytedbCluster; also the StatefulSet and client Service name. */
  String name();

  /** Namespace of the cluster and of everything rendered for it. */
  String namespace();

  /** UID of the custom resource, for owner references; empty when rendering offline. */
  Optional<String> uid();

  /** Kubernetes cluster DNS domain used in stable member addresses. */
  @Value.Default
  default String clusterDomain() {
    return "cluster.local";
  }

  /** Name of the HyperbytedbRestore that holds the cluster at zero replicas, if any. */
  Optional<String> heldBy();

  /**
   * The {@code hyperbytedb.hyperbyte.cloud/restartedAt} annotation's value: a restart request the
   * pod template carries, so changing it rolls the members like any template change.
   */
  Optional<String> restartedAt();

  /**
   * Settings the manifest sets that server 0.8.5 cannot honour (Go operator fields such as
   * {@code flush.walSizeThresholdMb}), by field path, with why; accepted and never rendered.
   */
  Map<String, String> settingsWithoutEffect();

  /** Desired number of members. */
  int replicas();

  /** Fully resolved database image reference (repository with tag or digest). */
  String image();

  /** Version the members should run: the image tag without a leading {@code v}. */
  String version();

  Optional<PullPolicy> imagePullPolicy();

  List<String> imagePullSecrets();

  /** When true the operator changes nothing but status. */
  boolean paused();

  Optional<ResourceRequirements> resources();

  Map<String, String> podAnnotations();

  Map<String, String> podLabels();

  Map<String, String> nodeSelector();

  Optional<Affinity> affinity();

  List<Toleration> tolerations();

  List<TopologySpreadConstraint> topologySpreadConstraints();

  Optional<String> priorityClassName();

  List<Volume> additionalVolumes();

  List<VolumeMount> additionalVolumeMounts();

  /** User replacement of the default pod security context. */
  Optional<PodSecurityContext> podSecurityContext();

  /** User replacement of the default container security context. */
  Optional<SecurityContext> containerSecurityContext();

  ServerSettings server();

  StorageSettings storage();

  FlushSettings flush();

  ChdbSettings chdb();

  AuthSettings auth();

  LoggingSettings logging();

  LimitSettings limits();

  ClusterSettings cluster();

  MonitoringSettings monitoring();

  Optional<AutoscalingSettings> autoscaling();

  FailoverSettings failover();

  /**
   * {@code spec.scaling.seedNewMembers}: a new member's volume is seeded with a fresh backup of a
   * healthy member before its first start (product §3.4).
   */
  @Value.Default
  default boolean seedNewMembers() {
    return true;
  }

  Optional<ProxySettings> proxy();

  Optional<PvcRetentionSettings> pvcRetention();

  /** Whether the server runs in cluster mode ({@code [cluster] enabled}): more than one member. */
  default boolean clusterMode() {
    return replicas() > 1;
  }

  /** Members the StatefulSet should run now: zero while a restore holds the cluster. */
  default int effectiveReplicas() {
    return heldBy().isPresent() ? 0 : replicas();
  }
}
