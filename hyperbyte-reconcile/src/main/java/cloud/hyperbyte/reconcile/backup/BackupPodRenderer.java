package cloud.hyperbyte.reconcile.backup;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.reconcile.pod.StepContainers;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.render.topology.ClusterNames;
import cloud.hyperbyte.render.workload.SecureDefaults;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The pod of one backup attempt (pure: same input, equal pod). It runs next to the source member,
 * on its node and its volume ({@link MemberSnapshotPod}): the init container takes the server's
 * backup into the attempt's scratch directory, then container {@value #UPLOAD_CONTAINER} (the
 * operator's own image) runs {@link BackupUploadArgs}: streams the directory as a tar to S3,
 * writes the manifest, applies retention, removes the scratch directory and reports its {@link
 * BackupUploadResult} as its termination message. The S3 credentials reach only this container,
 * through {@code secretKeyRef}. The data never passes through the operator or the API server.
 */
public final class BackupPodRenderer {

  public static final String UPLOAD_CONTAINER = "upload";
  public static final String BACKUP_APP = "hyperbytedb-backup";
  /** Label carrying the backup's name on its pods. */
  public static final String BACKUP_LABEL = "hyperbytedb.hyperbyte.cloud/backup";
  /** Annotation carrying the attempt's run id (not a valid label value). */
  public static final String RUN_ID_ANNOTATION = "hyperbytedb.hyperbyte.cloud/run-id";
  public static final String OWNER_KIND = "HyperbytedbBackup";
  public static final String OWNER_API_VERSION = "hyperbytedb.hyperbyte.cloud/v1alpha1";
  private static final int MAX_NAME = 253;
  private static final int MAX_LABEL_VALUE = 63;

  private BackupPodRenderer() {}

  /**
   * Everything a backup pod depends on.
   *
   * @param cluster the cluster's validated spec (image, env, security, scheduling)
   * @param run the attempt
   * @param backupUid the backup's UID for the owner reference; empty when rendering offline
   * @param node the node the source member runs on
   * @param sourceOrdinal the source member's ordinal
   * @param deadline the pod's {@code activeDeadlineSeconds}
   * @param operatorImage the operator's own image (runs the upload step)
   */
  public record Request(ClusterSpec cluster, RunRequest run, Optional<String> backupUid, String node,
      int sourceOrdinal, Duration deadline, String operatorImage) {
    public Request {
      Objects.requireNonNull(cluster, "cluster");
      Objects.requireNonNull(run, "run");
      Objects.requireNonNull(backupUid, "backupUid");
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(deadline, "deadline");
      Objects.requireNonNull(operatorImage, "operatorImage");
    }
  }

  /**
   * The pod name of attempt {@code runId} ({@code <start>#<attempt>}) of backup {@code backupName}:
   * {@code <backup>-<start as epoch seconds>-<attempt>}, the backup part shortened with a hash when
   * the whole would exceed a pod name's length.
   */
  public static String podName(String backupName, String runId) {
    String suffix;
    int hash = runId.lastIndexOf('#');
    try {
      suffix = Instant.parse(runId.substring(0, Math.max(0, hash))).getEpochSecond() + "-"
          + Integer.parseInt(runId.substring(hash + 1));
    } catch (DateTimeParseException | NumberFormatException e) {
      suffix = digest(runId).substring(0, 10);
    }
    String name = backupName + "-" + suffix;
    if (name.length() <= MAX_NAME) {
      return name;
    }
    String kept = backupName.substring(0, MAX_NAME - suffix.length() - 12);
    return kept + "-" + digest(backupName).substring(0, 10) + "-" + suffix;
  }

  /** The backup pod. */
  public static Pod render(Request request) {
    RunRequest run = request.run();
    ClusterSpec cluster = request.cluster();
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(podName(run.backupName(), run.runId()))
            .withNamespace(run.namespace())
            .withLabels(labels(request))
            .withAnnotations(Map.of(RUN_ID_ANNOTATION, run.runId()))
            .endMetadata()
            .withSpec(MemberSnapshotPod.spec(cluster, request.node(), request.sourceOrdinal(),
                    BackupCommands.takeSnapshot(run), request.deadline())
                .withContainers(upload(request))
                .build());
    request.backupUid().ifPresent(uid -> pod.editMetadata()
        .withOwnerReferences(new OwnerReferenceBuilder()
            .withApiVersion(OWNER_API_VERSION)
            .withKind(OWNER_KIND)
            .withName(run.backupName())
            .withUid(uid)
            .withController(true)
            .withBlockOwnerDeletion(true)
            .build())
        .endMetadata());
    return pod.build();
  }

  private static Map<String, String> labels(Request request) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(ClusterLabels.NAME, BACKUP_APP);
    labels.put(ClusterLabels.INSTANCE, request.cluster().name());
    labels.put(ClusterLabels.MANAGED_BY, ClusterLabels.MANAGER);
    labels.put(ClusterLabels.PART_OF, ClusterLabels.DATABASE_APP);
    labels.put(BACKUP_LABEL, labelValue(request.run().backupName()));
    return labels;
  }

  /** The backup name as a label value (at most 63 characters; a longer name is shortened with a hash). */
  public static String labelValue(String backupName) {
    return backupName.length() <= MAX_LABEL_VALUE ? backupName
        : backupName.substring(0, MAX_LABEL_VALUE - 11) + "-" + digest(backupName).substring(0, 10);
  }

  private static Container upload(Request request) {
    RunRequest run = request.run();
    BackupUploadArgs args = new BackupUploadArgs(run, BackupCommands.snapshotDir(run), BackupCommands.scratchDir(run));
    List<EnvVar> env = new ArrayList<>();
    run.destination().credentialsSecretName().ifPresent(secret -> {
      env.add(StepContainers.secretEnv(BackupUploadArgs.ACCESS_KEY_ENV, secret, S3Settings.ACCESS_KEY_ID_KEY));
      env.add(StepContainers.secretEnv(BackupUploadArgs.SECRET_KEY_ENV, secret, S3Settings.SECRET_ACCESS_KEY_KEY));
    });
    return new ContainerBuilder()
        .withName(UPLOAD_CONTAINER)
        .withImage(request.operatorImage())
        .withArgs(args.toArgs())
        .withEnv(env)
        .withResources(StepContainers.operatorStepResources())
        .withSecurityContext(SecureDefaults.container())
        .withVolumeMounts(
            StepContainers.mount(ClusterNames.DATA_VOLUME, OperatorPaths.DATA_DIR),
            StepContainers.mount(MemberSnapshotPod.TMP_VOLUME, OperatorPaths.TMP_DIR))
        .build();
  }

  private static String digest(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
