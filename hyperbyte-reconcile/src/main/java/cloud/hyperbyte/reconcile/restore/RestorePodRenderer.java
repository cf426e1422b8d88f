package cloud.hyperbyte.reconcile.restore;

import static cloud.hyperbyte.reconcile.pod.StepContainers.mount;
import static cloud.hyperbyte.reconcile.pod.StepContainers.readOnly;
import static cloud.hyperbyte.reconcile.pod.StepContainers.secretEnv;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.reconcile.backup.BackupCommands;
import cloud.hyperbyte.reconcile.backup.S3Settings;
import cloud.hyperbyte.reconcile.pod.StepContainers;
import cloud.hyperbyte.render.config.ServerPaths;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.render.topology.ClusterNames;
import cloud.hyperbyte.render.workload.DatabasePodTemplate;
import cloud.hyperbyte.render.workload.SecureDefaults;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The pod that restores one member volume (pure: same input, equal pod). It mounts the member's
 * PVC {@code data-<cluster>-<ordinal>} while the cluster is held at zero replicas, so a
 * ReadWriteOnce volume is free.
 *
 * <ol>
 *   <li>init container {@value #FETCH_CONTAINER} (the operator's own image) runs {@link
 *       RestoreFetchArgs}: streams {@code backup.tar} from the bucket, verifies its SHA-256 and
 *       unpacks it into an emptyDir;
 *   <li>container {@value #RESTORE_CONTAINER} (the cluster's HyperbyteDB image, with the cluster's
 *       config and env, so the server resolves the same data paths) runs {@code hyperbytedb restore
 *       --input}, which replaces {@code wal/}, {@code meta/} and the chDB directory, then wipes
 *       {@code raft/} and {@code replication_log/} so node 1 bootstraps a fresh Raft group and stale
 *       acks and hints are dropped (contract §5.3).
 * </ol>
 *
 * <p>{@code restartPolicy: Never}: a failed pod is seen by the restore, which retries a transient
 * fetch error with a new pod ({@link Request#attempt()}) and fails on anything else, instead of the
 * kubelet retrying in place behind the operator's back. {@code activeDeadlineSeconds} bounds a
 * running attempt. Scheduling constraints (node selector,
 * tolerations, priority class, pull secrets) are the cluster's, so the pod can go where the volume
 * can attach.
 */
public final class RestorePodRenderer {

  public static final String FETCH_CONTAINER = "fetch";
  public static final String RESTORE_CONTAINER = "restore";
  public static final String SNAPSHOT_VOLUME = "snapshot";
  public static final String TMP_VOLUME = "tmp";
  /** emptyDir mount shared by both containers. */
  public static final String SNAPSHOT_MOUNT = "/restore";
  /** Where the fetch step unpacks the server's backup directory. */
  public static final String SNAPSHOT_DIR = SNAPSHOT_MOUNT + "/snapshot";
  /** Label carrying the restore's name on its pods. */
  public static final String RESTORE_LABEL = "hyperbytedb.hyperbyte.cloud/restore";
  /** Label carrying the member ordinal whose volume a pod restores. */
  public static final String ORDINAL_LABEL = "hyperbytedb.hyperbyte.cloud/ordinal";
  /** Label carrying the attempt (from 1) at that volume. */
  public static final String ATTEMPT_LABEL = "hyperbytedb.hyperbyte.cloud/attempt";
  public static final String RESTORE_APP = "hyperbytedb-restore";
  public static final String OWNER_KIND = "HyperbytedbRestore";
  public static final String OWNER_API_VERSION = "hyperbytedb.hyperbyte.cloud/v1alpha1";

  private RestorePodRenderer() {}

  /**
   * Everything a restore pod depends on.
   *
   * @param cluster the cluster's validated spec (image, env, security, scheduling)
   * @param restoreName HyperbytedbRestore name
   * @param restoreUid its UID for the owner reference; empty when rendering offline
   * @param ordinal member whose volume is restored
   * @param attempt which attempt at this volume, from 1 (a retry after a transient fetch error is a new pod)
   * @param deadline the pod's {@code activeDeadlineSeconds}
   * @param operatorImage the operator's own image (runs the fetch step)
   * @param source the resolved snapshot and its store
   */
  public record Request(
      ClusterSpec cluster,
      String restoreName,
      Optional<String> restoreUid,
      int ordinal,
      int attempt,
      Duration deadline,
      String operatorImage,
      SnapshotResolution.Resolved source) {
    public Request {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(restoreName, "restoreName");
      Objects.requireNonNull(restoreUid, "restoreUid");
      Objects.requireNonNull(deadline, "deadline");
      Objects.requireNonNull(operatorImage, "operatorImage");
      Objects.requireNonNull(source, "source");
      if (attempt < 1) {
        throw new IllegalArgumentException("attempts count from 1");
      }
    }
  }

  /** Name of the pod of the first attempt at member {@code ordinal}'s volume. */
  public static String podName(String restoreName, int ordinal) {
    return restoreName + "-restore-" + ordinal;
  }

  /** Name of the pod of {@code attempt} (from 1) at member {@code ordinal}'s volume. */
  public static String podName(String restoreName, int ordinal, int attempt) {
    return attempt == 1 ? podName(restoreName, ordinal) : podName(restoreName, ordinal) + "-" + attempt;
  }

  /** Which volume and attempt a pod of this restore is for, read from its name. */
  public record Attempt(int ordinal, int attempt) {
    /** The attempt {@code podName} stands for, if it is a pod of restore {@code restoreName}. */
    public static Optional<Attempt> of(String restoreName, String podName) {
      String prefix = restoreName + "-restore-";
      if (!podName.startsWith(prefix)) {
        return Optional.empty();
      }
      String[] parts = podName.substring(prefix.length()).split("-", -1);
      try {
        int ordinal = Integer.parseInt(parts[0]);
        int attempt = parts.length == 1 ? 1 : parts.length == 2 ? Integer.parseInt(parts[1]) : 0;
        return ordinal >= 0 && attempt >= 1 && podName.equals(podName(restoreName, ordinal, attempt))
            ? Optional.of(new Attempt(ordinal, attempt)) : Optional.empty();
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
  }

  /** The restore pod. */
  public static Pod render(Request request) {
    ClusterSpec cluster = request.cluster();
    PodSpecBuilder spec =
        new PodSpecBuilder()
            .withRestartPolicy("Never")
            // the kubelet stops a pod that runs longer; the decision stops one that never starts
            .withActiveDeadlineSeconds(request.deadline().toSeconds())
            .withEnableServiceLinks(false)
            .withSecurityContext(cluster.podSecurityContext().orElseGet(SecureDefaults::pod))
            .withInitContainers(fetch(request))
            .withContainers(restore(cluster))
            .withVolumes(StepContainers.memberVolumes(cluster, request.ordinal()))
            .addToVolumes(StepContainers.scratch(SNAPSHOT_VOLUME), StepContainers.scratch(TMP_VOLUME))
            .withTolerations(cluster.tolerations());
    if (!cluster.nodeSelector().isEmpty()) {
      spec.withNodeSelector(new LinkedHashMap<>(cluster.nodeSelector()));
    }
    cluster.priorityClassName().ifPresent(spec::withPriorityClassName);
    cluster.imagePullSecrets().forEach(s -> spec.addToImagePullSecrets(new LocalObjectReference(s)));

    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(podName(request.restoreName(), request.ordinal(), request.attempt()))
            .withNamespace(cluster.namespace())
            .withLabels(labels(request))
            .endMetadata()
            .withSpec(spec.build());
    request
        .restoreUid()
        .ifPresent(
            uid ->
                pod.editMetadata()
                    .withOwnerReferences(
                        new OwnerReferenceBuilder()
                            .withApiVersion(OWNER_API_VERSION)
                            .withKind(OWNER_KIND)
                            .withName(request.restoreName())
                            .withUid(uid)
                            .withController(true)
                            .withBlockOwnerDeletion(true)
                            .build())
                    .endMetadata());
    return pod.build();
  }

  /** The shell script of the restore container. */
  public static String restoreScript() {
    String data = OperatorPaths.DATA_DIR;
    return String.join(
        "\n",
        "set -eu",
        "test -f '" + SNAPSHOT_DIR + "/manifest.json' || { echo 'snapshot not fetched' >&2; exit 1; }",
        "hyperbytedb --config '" + ServerPaths.CONFIG_FILE + "' restore --input '" + SNAPSHOT_DIR + "'",
        "# fresh Raft group and no stale acks or hints (contract 5.3); scratch of interrupted backups",
        "rm -rf '" + ServerPaths.RAFT_DIR + "' '" + ServerPaths.REPLICATION_LOG_DIR + "' '"
            + BackupCommands.SCRATCH_ROOT + "'",
        "echo \"restored snapshot onto " + data + "; raft/ and replication_log/ reset\"");
  }

  private static Map<String, String> labels(Request request) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ClusterLabels.NAME, RESTORE_APP);
    labels.put(ClusterLabels.INSTANCE, request.cluster().name());
    labels.put(ClusterLabels.MANAGED_BY, ClusterLabels.MANAGER);
    labels.put(ClusterLabels.PART_OF, ClusterLabels.DATABASE_APP);
    labels.put(RESTORE_LABEL, request.restoreName());
    labels.put(ORDINAL_LABEL, Integer.toString(request.ordinal()));
    labels.put(ATTEMPT_LABEL, Integer.toString(request.attempt()));
    return labels;
  }

  private static Container fetch(Request request) {
    S3Settings settings = request.source().settings();
    RestoreFetchArgs args = new RestoreFetchArgs(settings, request.source().location(), SNAPSHOT_DIR);
    List<EnvVar> env = new ArrayList<>();
    settings
        .credentialsSecretName()
        .ifPresent(
            secret -> {
              env.add(secretEnv(RestoreFetchArgs.ACCESS_KEY_ENV, secret, S3Settings.ACCESS_KEY_ID_KEY));
              env.add(secretEnv(RestoreFetchArgs.SECRET_KEY_ENV, secret, S3Settings.SECRET_ACCESS_KEY_KEY));
            });
    return new ContainerBuilder()
        .withName(FETCH_CONTAINER)
        .withImage(request.operatorImage())
        .withArgs(args.toArgs())
        .withEnv(env)
        .withResources(StepContainers.operatorStepResources())
        .withSecurityContext(SecureDefaults.container())
        .withVolumeMounts(mount(SNAPSHOT_VOLUME, SNAPSHOT_MOUNT), mount(TMP_VOLUME, OperatorPaths.TMP_DIR))
        .build();
  }

  /**
   * The restore step, in the database image: {@link #restoreScript} over the snapshot in volume
   * {@value #SNAPSHOT_VOLUME} onto the data volume (restore pods, and seed target pods).
   */
  public static Container restore(ClusterSpec cluster) {
    ContainerBuilder container =
        StepContainers.databaseStep(cluster, RESTORE_CONTAINER, List.of("/bin/sh", "-c", restoreScript()))
            .withVolumeMounts(
                mount(ClusterNames.DATA_VOLUME, OperatorPaths.DATA_DIR),
                readOnly(DatabasePodTemplate.CONFIG_VOLUME, OperatorPaths.CONFIG_DIR),
                mount(SNAPSHOT_VOLUME, SNAPSHOT_MOUNT),
                mount(TMP_VOLUME, OperatorPaths.TMP_DIR));
    cluster.resources().ifPresent(container::withResources);
    return container.build();
  }
}
