package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.reconcile.backup.BackupPodRenderer;
import cloud.hyperbyte.reconcile.backup.BackupUploadResult;
import cloud.hyperbyte.reconcile.backup.MemberSnapshotPod;
import cloud.hyperbyte.reconcile.backup.RunReport;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the operator reads from a backup pod: which attempt it runs (its run-id annotation) and,
 * once it ended, the attempt's {@link RunReport}: the upload step's termination message ({@link
 * BackupUploadResult}); otherwise a failure built from the pod's status: the snapshot step failed
 * (the server's error, transient as a hot backup tripping over a merge is), the pod was evicted or
 * ran past its deadline (transient), a container could not be configured, e.g. the credentials
 * Secret is missing (permanent, as before), or the pod never started within its deadline
 * (transient: the node may be full).
 */
final class BackupPods {

  /** Statuses the kubelet gives a container it cannot create; the pod would wait forever. */
  private static final List<String> CONFIG_ERRORS = List.of("CreateContainerConfigError", "InvalidImageName");

  private BackupPods() {}

  /** The attempt's run id the pod carries, if it is a backup pod. */
  static Optional<String> runId(Pod pod) {
    return Optional.ofNullable(pod.getMetadata().getAnnotations())
        .map(a -> a.get(BackupPodRenderer.RUN_ID_ANNOTATION));
  }

  /**
   * The pod's outcome, when it has one.
   *
   * @param now the operator's time
   * @param startDeadline how long a pod may stay Pending before its attempt is given up
   */
  static Optional<RunReport> report(Pod pod, Instant now, Duration startDeadline) {
    Optional<String> runId = runId(pod);
    if (runId.isEmpty()) {
      return Optional.empty();
    }
    String id = runId.get();
    String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
    Instant finished = PodStates.finishedAt(pod).orElse(now);
    Optional<ContainerStateTerminated> upload = terminated(pod, BackupPodRenderer.UPLOAD_CONTAINER);
    Optional<RunReport> fromUpload = upload.map(ContainerStateTerminated::getMessage).flatMap(BackupUploadResult::parse)
        .filter(r -> r.runId().equals(id));
    switch (phase) {
      case "Succeeded" -> {
        return Optional.of(fromUpload.orElseGet(() -> failed(id, finished, "UploadResultMissing",
            "backup pod " + name(pod) + " succeeded without reporting its upload", true)));
      }
      case "Failed" -> {
        if (fromUpload.isPresent()) {
          return fromUpload;
        }
        Optional<ContainerStateTerminated> snapshot = terminated(pod, MemberSnapshotPod.SNAPSHOT_CONTAINER)
            .filter(t -> t.getExitCode() != null && t.getExitCode() != 0);
        if (snapshot.isPresent()) {
          return Optional.of(failed(id, finished, "ServerBackupFailed", "hyperbytedb backup in backup pod " + name(pod)
              + " exited with " + snapshot.get().getExitCode() + ": " + text(snapshot.get()), true));
        }
        String reason = pod.getStatus().getReason();
        if ("DeadlineExceeded".equals(reason)) {
          return Optional.of(failed(id, finished, "DeadlineExceeded", "backup pod " + name(pod)
              + " ran longer than its deadline of " + pod.getSpec().getActiveDeadlineSeconds() + " s", true));
        }
        String message = pod.getStatus().getMessage() != null ? pod.getStatus().getMessage()
            : upload.map(t -> "upload exited with " + t.getExitCode() + ": " + text(t)).orElse("no reason given");
        return Optional.of(failed(id, finished, "Evicted".equals(reason) ? "Evicted" : "BackupPodFailed",
            "backup pod " + name(pod) + " failed: " + message, true));
      }
      default -> {
        Optional<ContainerStateWaiting> stuck = PodStates.containerStatuses(pod).stream()
            .map(s -> s.getState() == null ? null : s.getState().getWaiting())
            .filter(w -> w != null && CONFIG_ERRORS.contains(w.getReason())).findFirst();
        if (stuck.isPresent()) {
          String message = String.valueOf(stuck.get().getMessage());
          // the kubelet's words for a secretKeyRef it cannot resolve: secret "x" not found / couldn't find key
          boolean secret = message.contains("secret");
          return Optional.of(failed(id, now, secret ? "CredentialsNotFound" : "PodConfigError",
              "backup pod " + name(pod) + " cannot start: " + stuck.get().getReason() + ": " + message
                  + (secret ? " (check the destination's credentialsSecretName)" : ""), false));
        }
        Optional<Instant> created = PodStates.instant(pod.getMetadata().getCreationTimestamp());
        if ("Pending".equals(phase) && created.isPresent() && !now.isBefore(created.get().plus(startDeadline))) {
          return Optional.of(failed(id, now, "PodNotStarted", "backup pod " + name(pod) + " did not start within "
              + startDeadline.toMinutes() + " min (is the source member's node full?)", true));
        }
        return Optional.empty();
      }
    }
  }

  /** When a Pending pod is given up: its creation plus {@code startDeadline}. */
  static Optional<Instant> startGivenUpAt(Pod pod, Duration startDeadline) {
    return PodStates.instant(pod.getMetadata().getCreationTimestamp()).map(t -> t.plus(startDeadline));
  }

  private static RunReport failed(String runId, Instant at, String reason, String message, boolean transientFailure) {
    return RunReport.failed(runId, at, new RunReport.Failure(reason, message, transientFailure));
  }

  private static String name(Pod pod) {
    return pod.getMetadata().getName();
  }

  private static String text(ContainerStateTerminated terminated) {
    String text = terminated.getMessage() != null ? terminated.getMessage().strip()
        : terminated.getReason() != null ? terminated.getReason() : "";
    return text.length() > 1024 ? text.substring(text.length() - 1024) : text;
  }

  private static Optional<ContainerStateTerminated> terminated(Pod pod, String container) {
    return PodStates.containerStatuses(pod).stream().filter(s -> container.equals(s.getName()))
        .map(s -> s.getState() == null ? null : s.getState().getTerminated())
        .filter(t -> t != null).findFirst();
  }
}
