package cloud.hyperbyte.reconcile.backup;

import static cloud.hyperbyte.reconcile.pod.StepContainers.mount;
import static cloud.hyperbyte.reconcile.pod.StepContainers.readOnly;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.reconcile.pod.StepContainers;
import cloud.hyperbyte.render.topology.ClusterNames;
import cloud.hyperbyte.render.workload.DatabasePodTemplate;
import cloud.hyperbyte.render.workload.SecureDefaults;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.time.Duration;
import java.util.List;

/**
 * The common part of every pod that takes a snapshot of a serving member next to it (backup pods;
 * reusable by seeding's source pods): pinned to the member's node by a required node affinity on
 * the node's name (a ReadWriteOnce volume mounts on one node only, and the scheduler still checks
 * resources and taints), mounting the member's PVC at the data directory, with the init container
 * {@value #SNAPSHOT_CONTAINER} (the cluster's database image, config and env) running {@code
 * hyperbytedb backup --output} into a scratch directory on that volume ({@link BackupCommands}).
 *
 * <p>Restricted Pod Security: the cluster's pod security context (non-root, RuntimeDefault seccomp
 * by default), every container without privilege escalation or capabilities, read-only root file
 * system with an emptyDir at {@code /tmp}, no service account token, {@code restartPolicy: Never}
 * and an {@code activeDeadlineSeconds}.
 */
public final class MemberSnapshotPod {

  public static final String SNAPSHOT_CONTAINER = "snapshot";
  public static final String TMP_VOLUME = "tmp";
  /** Node label-free pinning: the node's own name, as the DaemonSet controller does it. */
  static final String NODE_NAME_FIELD = "metadata.name";

  private MemberSnapshotPod() {}

  /**
   * The pod spec with the snapshot step as its only init container; the caller adds its main
   * container(s).
   *
   * @param cluster the cluster's validated spec
   * @param node the node the source member runs on
   * @param ordinal the source member's ordinal (its PVC {@code data-<sts>-<ordinal>})
   * @param snapshot the snapshot script ({@link BackupCommands#takeSnapshot})
   * @param deadline {@code activeDeadlineSeconds}
   */
  public static PodSpecBuilder spec(ClusterSpec cluster, String node, int ordinal, List<String> snapshot,
      Duration deadline) {
    PodSpecBuilder spec =
        new PodSpecBuilder()
            .withRestartPolicy("Never")
            .withActiveDeadlineSeconds(deadline.toSeconds())
            .withEnableServiceLinks(false)
            .withAutomountServiceAccountToken(false)
            .withSecurityContext(cluster.podSecurityContext().orElseGet(SecureDefaults::pod))
            .withAffinity(onNode(node))
            .withInitContainers(snapshotContainer(cluster, snapshot))
            .withVolumes(StepContainers.memberVolumes(cluster, ordinal))
            .addToVolumes(StepContainers.scratch(TMP_VOLUME))
            // the member's node may be tainted for it; the member's tolerations let this pod there too
            .withTolerations(cluster.tolerations());
    cluster.priorityClassName().ifPresent(spec::withPriorityClassName);
    cluster.imagePullSecrets().forEach(s -> spec.addToImagePullSecrets(new LocalObjectReference(s)));
    return spec;
  }

  /** A required node affinity to exactly the node named {@code node}. */
  public static Affinity onNode(String node) {
    return new AffinityBuilder()
        .withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .addNewNodeSelectorTerm()
        .addNewMatchField()
        .withKey(NODE_NAME_FIELD)
        .withOperator("In")
        .withValues(node)
        .endMatchField()
        .endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endNodeAffinity()
        .build();
  }

  /** The node a pod rendered here is pinned to, if it is one of them. */
  public static java.util.Optional<String> pinnedNode(io.fabric8.kubernetes.api.model.PodSpec spec) {
    try {
      return java.util.Optional.of(spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
          .getNodeSelectorTerms().get(0).getMatchFields().get(0)).filter(f -> NODE_NAME_FIELD.equals(f.getKey()))
          .map(f -> f.getValues().get(0));
    } catch (NullPointerException | IndexOutOfBoundsException e) {
      return java.util.Optional.empty();
    }
  }

  /** The snapshot step: the database image with the member's config and env, on the member's volume. */
  public static Container snapshotContainer(ClusterSpec cluster, List<String> snapshot) {
    ContainerBuilder container =
        StepContainers.databaseStep(cluster, SNAPSHOT_CONTAINER, snapshot)
            // the server's error is the pod's explanation when the step fails
            .withTerminationMessagePolicy("FallbackToLogsOnError")
            .withResources(
                new ResourceRequirementsBuilder()
                    .addToRequests("cpu", new Quantity("100m"))
                    .addToRequests("memory", new Quantity("256Mi"))
                    .build())
            .withVolumeMounts(
                mount(ClusterNames.DATA_VOLUME, OperatorPaths.DATA_DIR),
                readOnly(DatabasePodTemplate.CONFIG_VOLUME, OperatorPaths.CONFIG_DIR),
                mount(TMP_VOLUME, OperatorPaths.TMP_DIR));
    return container.build();
  }



}
