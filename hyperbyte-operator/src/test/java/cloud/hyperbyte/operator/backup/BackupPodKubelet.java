package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.operator.e2e.OperatorImageProgram;
import cloud.hyperbyte.reconcile.backup.BackupPodRenderer;
import cloud.hyperbyte.reconcile.backup.BackupUploadArgs;
import cloud.hyperbyte.reconcile.backup.MemberSnapshotPod;
import cloud.hyperbyte.testkit.container.ContainerFiles;
import cloud.hyperbyte.testkit.container.ContainerInvocation;
import cloud.hyperbyte.testkit.container.ExecResult;
import cloud.hyperbyte.testkit.container.HostDirectoryMount;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The kubelet for backup pods in the backup harness (no simulated members there): each member
 * claim is a directory of this machine; the snapshot step copies a fixed server backup directory
 * into the attempt's {@code --snapshot} directory on the claim (or fails as {@code hyperbytedb
 * backup} does when asked to); the upload step is the operator image's real entry point with the
 * container's exact args and env ({@link OperatorImageProgram}). The pod then ends Succeeded or
 * Failed with each container's terminated state and termination message, as a kubelet reports it.
 */
final class BackupPodKubelet implements AutoCloseable {

  /** One backup pod as it ran: its name, the member claim it mounted, the node it was pinned to. */
  record Run(String pod, String claim, String node) {}

  private final KubernetesClient client;
  private final Path serverBackup;
  private final Path claims;
  private final AtomicInteger snapshotFailures = new AtomicInteger();
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final List<Run> runs = Collections.synchronizedList(new ArrayList<>());
  private final ExecutorService runner = Executors.newCachedThreadPool();
  private final SharedIndexInformer<Pod> informer;

  /**
   * @param serverBackup what {@code hyperbytedb backup} writes on every member
   * @param claims where the member claims' directories are made
   */
  BackupPodKubelet(KubernetesClient client, Path serverBackup, Path claims) {
    this.client = client;
    this.serverBackup = serverBackup;
    this.claims = claims;
    this.informer = client.pods().inAnyNamespace().withLabel(BackupPodRenderer.BACKUP_LABEL)
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(Pod pod) {
            consider(pod);
          }

          @Override
          public void onUpdate(Pod old, Pod pod) {
            consider(pod);
          }

          @Override
          public void onDelete(Pod pod, boolean unknown) {
          }
        });
  }

  /** The next {@code count} snapshot steps fail as a hot backup tripping over a chDB merge does. */
  void failNextSnapshots(int count) {
    snapshotFailures.set(count);
  }

  /** The backup pods that ran, in order. */
  List<Run> runs() {
    synchronized (runs) {
      return List.copyOf(runs);
    }
  }

  /** The directory of member claim {@code claim}. */
  Path claim(String claim) {
    return claims.resolve(claim);
  }

  private void consider(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if ((phase == null || "Pending".equals(phase)) && pod.getMetadata().getDeletionTimestamp() == null
        && started.add(pod.getMetadata().getUid())) {
      runner.execute(() -> run(pod));
    }
  }

  private void run(Pod pod) {
    String claim = pod.getSpec().getVolumes().stream().filter(v -> v.getPersistentVolumeClaim() != null)
        .findFirst().orElseThrow().getPersistentVolumeClaim().getClaimName();
    runs.add(new Run(pod.getMetadata().getName(), claim, MemberSnapshotPod.pinnedNode(pod.getSpec()).orElse(null)));
    Container snapshot = pod.getSpec().getInitContainers().get(0);
    Container upload = pod.getSpec().getContainers().get(0);
    try {
      Path volume = Files.createDirectories(claim(claim));
      Path podTmp = Files.createTempDirectory(claims, "tmp-");
      ContainerFiles files = new ContainerFiles(Map.of(OperatorPaths.DATA_DIR, new HostDirectoryMount(volume),
          OperatorPaths.TMP_DIR, new HostDirectoryMount(podTmp)));
      String snapshotDir = upload.getArgs().get(upload.getArgs().indexOf(BackupUploadArgs.SNAPSHOT) + 1);
      if (snapshotFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        finish(pod, "Failed", terminated(snapshot, 1, "Error: backup failed: IO error: While opening a file for"
            + " sequentially reading: chdb/store/part_1_1_0: No such file or directory"), waiting(upload));
        return;
      }
      copy(serverBackup, files.hostPath(snapshotDir).orElseThrow());
      ExecResult result = new OperatorImageProgram().run(new ContainerInvocation(pod.getMetadata().getNamespace(),
          pod.getMetadata().getName(), upload.getName(), upload.getImage(), List.of(), upload.getArgs(),
          env(pod, upload), files));
      finish(pod, result.exitCode() == 0 ? "Succeeded" : "Failed", terminated(snapshot, 0, null),
          terminated(upload, result.exitCode(), result.terminationMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, String> env(Pod pod, Container container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : container.getEnv()) {
      if (var.getValue() != null) {
        env.put(var.getName(), var.getValue());
      } else {
        Secret secret = client.secrets().inNamespace(pod.getMetadata().getNamespace())
            .withName(var.getValueFrom().getSecretKeyRef().getName()).get();
        String value = secret.getData().get(var.getValueFrom().getSecretKeyRef().getKey());
        env.put(var.getName(), new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8));
      }
    }
    return env;
  }

  private void finish(Pod pod, String phase, ContainerStatus init, ContainerStatus main) {
    Pod current = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
        .get();
    if (current == null) {
      return;
    }
    current.setStatus(new PodStatusBuilder().withPhase(phase).withInitContainerStatuses(init)
        .withContainerStatuses(main).build());
    client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(current).updateStatus();
  }

  private static ContainerStatus terminated(Container container, int exit, String message) {
    return new ContainerStatusBuilder().withName(container.getName()).withImage(container.getImage())
        .withReady(false).withRestartCount(0).withNewState().withNewTerminated().withExitCode(exit)
        .withReason(exit == 0 ? "Completed" : "Error").withMessage(message == null || message.isEmpty() ? null : message)
        .withFinishedAt(Instant.now().toString()).endTerminated().endState().build();
  }

  private static ContainerStatus waiting(Container container) {
    return new ContainerStatusBuilder().withName(container.getName()).withImage(container.getImage())
        .withReady(false).withRestartCount(0).withNewState().withNewWaiting().withReason("PodInitializing")
        .endWaiting().endState().build();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> tree = Files.walk(from)) {
      for (Path path : tree.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target);
        }
      }
    }
  }

  @Override
  public void close() {
    informer.close();
    runner.shutdownNow();
  }
}
