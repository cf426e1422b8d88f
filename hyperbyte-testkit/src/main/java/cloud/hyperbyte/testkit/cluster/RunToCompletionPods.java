package cloud.hyperbyte.testkit.cluster;

import cloud.hyperbyte.testkit.container.ContainerFiles;
import cloud.hyperbyte.testkit.container.ContainerInvocation;
import cloud.hyperbyte.testkit.container.ContainerProgram;
import cloud.hyperbyte.testkit.container.ExecResult;
import cloud.hyperbyte.testkit.db.MemberVolume;
import cloud.hyperbyte.testkit.kube.PodAddresses;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet for pods that run to completion ({@code restartPolicy: Never}, no controller owner),
 * such as restore pods: when every container image has a program ({@link ImagePrograms}), the pod
 * stays Pending while a member volume it mounts is still used by a member process (a real pod would
 * wait for the old pod's termination and the volume's detach) unless it is pinned to that member's
 * node and the claim is not ReadWriteOncePod (a backup pod next to its member), then is Running while its init
 * containers and then its containers run one after another, and ends Succeeded or Failed with each
 * container's terminated state (exit code, reason, termination message). Pods of unknown images
 * are left alone, as before. A deleted pod's run is abandoned between containers.
 */
final class RunToCompletionPods implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RunToCompletionPods.class);
  private static final long VOLUME_POLL_MILLIS = 20;

  private final KubernetesClient client;
  private final PodMounts mounts;
  private final ImagePrograms programs;
  private final PodAddresses addresses;
  private final Set<String> started = ConcurrentHashMap.newKeySet();
  private final Set<String> deleted = ConcurrentHashMap.newKeySet();
  private final Map<String, String> logs = new ConcurrentHashMap<>();
  private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "simulated-kubelet-run");
    thread.setDaemon(true);
    return thread;
  });
  private SharedIndexInformer<Pod> informer;

  RunToCompletionPods(KubernetesClient client, PodMounts mounts, ImagePrograms programs, PodAddresses addresses) {
    this.client = client;
    this.addresses = addresses;
    this.mounts = mounts;
    this.programs = programs;
  }

  RunToCompletionPods start() {
    informer = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
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
        deleted.add(pod.getMetadata().getUid());
        mounts.release(pod);
      }
    });
    return this;
  }

  /** What container {@code container} of pod {@code pod} wrote (stdout, then stderr), if it ran. */
  Optional<String> logs(String namespace, String pod, String container) {
    return Optional.ofNullable(logs.get(namespace + "/" + pod + "/" + container));
  }

  private void consider(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      finishTermination(pod);
      return;
    }
    if (!runsToCompletion(pod)) {
      return;
    }
    List<Container> all = new ArrayList<>(orEmpty(pod.getSpec().getInitContainers()));
    all.addAll(orEmpty(pod.getSpec().getContainers()));
    if (all.isEmpty() || all.stream().anyMatch(c -> programs.of(c.getImage()).isEmpty())) {
      return;
    }
    if (started.add(pod.getMetadata().getUid())) {
      runner.execute(() -> run(pod));
    }
  }

  /**
   * The kubelet's part of a graceful deletion of a pod it runs: the containers stop at once (a
   * program still running is abandoned; no further container starts) and the pod is deleted with grace
   * period 0.
   */
  private void finishTermination(Pod pod) {
    Long grace = pod.getMetadata().getDeletionGracePeriodSeconds();
    if (grace == null || grace == 0 || !isOwnPod(pod)) {
      return;
    }
    deleted.add(pod.getMetadata().getUid());
    client.pods().resource(pod).withGracePeriod(0).delete();
  }

  /** A pod this kubelet runs, whatever its phase: restartPolicy Never and no workload controller. */
  private static boolean isOwnPod(Pod pod) {
    boolean controlled = pod.getMetadata().getOwnerReferences() != null && pod.getMetadata().getOwnerReferences()
        .stream().anyMatch(r -> Boolean.TRUE.equals(r.getController()) && Set.of("StatefulSet", "ReplicaSet", "Deployment", "DaemonSet").contains(r.getKind()));
    return !controlled && pod.getSpec() != null && "Never".equals(pod.getSpec().getRestartPolicy());
  }

  private static boolean runsToCompletion(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return isOwnPod(pod) && (phase == null || "Pending".equals(phase));
  }

  private void run(Pod pod) {
    String uid = pod.getMetadata().getUid();
    try {
      if (!awaitVolumesFree(pod)) {
        return;
      }
      String startedAt = now();
      // a running pod has an address: a seed source serves on it, its target connects to it
      String podIp = addresses.next();
      List<ContainerStatus> initStatuses = new ArrayList<>();
      List<ContainerStatus> statuses = new ArrayList<>();
      writeStatus(pod, new PodStatusBuilder().withPhase("Running").withPodIP(podIp).withStartTime(startedAt).build());
      for (Container container : orEmpty(pod.getSpec().getInitContainers())) {
        if (deleted.contains(uid)) {
          return;
        }
        ContainerStatus status = runContainer(pod, container);
        initStatuses.add(status);
        if (status.getState().getTerminated().getExitCode() != 0) {
          finish(pod, "Failed", podIp, startedAt, initStatuses, waiting(pod.getSpec().getContainers()));
          return;
        }
      }
      String phase = "Succeeded";
      for (Container container : orEmpty(pod.getSpec().getContainers())) {
        if (deleted.contains(uid)) {
          return;
        }
        ContainerStatus status = runContainer(pod, container);
        statuses.add(status);
        if (status.getState().getTerminated().getExitCode() != 0) {
          phase = "Failed";
        }
      }
      finish(pod, phase, podIp, startedAt, initStatuses, statuses);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (KubernetesClientException e) {
      LOG.debug("pod {} went away while it ran: {}", pod.getMetadata().getName(), e.toString());
    }
  }

  /**
   * Waits while a member process still uses a volume the pod mounts, unless the pod is pinned to the
   * node of every pod using it and the claim is not ReadWriteOncePod (a ReadWriteOnce volume mounts
   * on one node, in any number of its pods); false when the pod went away.
   */
  private boolean awaitVolumesFree(Pod pod) throws InterruptedException {
    while (!deleted.contains(pod.getMetadata().getUid())) {
      Map<String, Optional<MemberVolume>> claims = mounts.claims(pod);
      boolean free = claims.entrySet().stream()
          .allMatch(c -> c.getValue().map(v -> !v.inUse()).orElse(true) || sharesNode(pod, c.getKey()));
      if (free) {
        return true;
      }
      Thread.sleep(VOLUME_POLL_MILLIS);
    }
    return false;
  }

  private boolean sharesNode(Pod pod, String claim) {
    Optional<String> node = pinnedNode(pod);
    if (node.isEmpty()) {
      return false;
    }
    String namespace = pod.getMetadata().getNamespace();
    PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get();
    if (pvc == null || pvc.getSpec() == null
        || (pvc.getSpec().getAccessModes() != null && pvc.getSpec().getAccessModes().contains("ReadWriteOncePod"))) {
      return false;
    }
    return client.pods().inNamespace(namespace).list().getItems().stream()
        .filter(other -> !other.getMetadata().getUid().equals(pod.getMetadata().getUid()))
        .filter(other -> other.getSpec() != null && other.getSpec().getVolumes() != null && other.getSpec().getVolumes()
            .stream().anyMatch(v -> v.getPersistentVolumeClaim() != null
                && claim.equals(v.getPersistentVolumeClaim().getClaimName())))
        .allMatch(other -> pinnedNode(other).equals(node)); // by nodeName or by node affinity, as backup pods are
  }

  /** The node a pod is bound to: its nodeName, or the single node its required node affinity names. */
  static Optional<String> pinnedNode(Pod pod) {
    if (pod.getSpec().getNodeName() != null) {
      return Optional.of(pod.getSpec().getNodeName());
    }
    try {
      var terms = pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
          .getNodeSelectorTerms();
      var field = terms.get(0).getMatchFields().get(0);
      return terms.size() == 1 && "metadata.name".equals(field.getKey()) && "In".equals(field.getOperator())
          && field.getValues().size() == 1 ? Optional.of(field.getValues().get(0)) : Optional.empty();
    } catch (NullPointerException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  private ContainerStatus runContainer(Pod pod, Container container) {
    ExecResult result;
    ContainerProgram program = programs.of(container.getImage()).orElseThrow();
    try {
      ContainerFiles files = mounts.of(pod, container);
      result = program.run(new ContainerInvocation(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
          container.getName(), container.getImage(), orEmpty(container.getCommand()), orEmpty(container.getArgs()),
          env(pod, container), files));
    } catch (PodMounts.Unavailable e) {
      result = new ExecResult(1, new byte[0], e.getMessage(), e.getMessage());
    } catch (Exception e) {
      result = new ExecResult(1, new byte[0], e.toString(), "");
    }
    String output = result.stdoutText() + result.stderr();
    logs.put(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName() + "/" + container.getName(), output);
    if (result.exitCode() != 0) {
      LOG.info("container {} of pod {} exited with {}: {}", container.getName(), pod.getMetadata().getName(),
          result.exitCode(), output.strip());
    }
    String message = result.terminationMessage();
    if (message.isEmpty() && result.exitCode() != 0
        && "FallbackToLogsOnError".equals(container.getTerminationMessagePolicy())) {
      message = output.length() > 2048 ? output.substring(output.length() - 2048) : output;
    }
    return new ContainerStatusBuilder().withName(container.getName()).withImage(container.getImage())
        .withReady(false).withRestartCount(0).withNewState().withNewTerminated()
        .withExitCode(result.exitCode()).withReason(result.exitCode() == 0 ? "Completed" : "Error")
        .withMessage(message.isEmpty() ? null : message).withFinishedAt(now())
        .endTerminated().endState().build();
  }

  private Map<String, String> env(Pod pod, Container container) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : orEmpty(container.getEnv())) {
      if (var.getValue() != null) {
        env.put(var.getName(), var.getValue());
      } else if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
        Secret secret = client.secrets().inNamespace(pod.getMetadata().getNamespace())
            .withName(var.getValueFrom().getSecretKeyRef().getName()).get();
        String key = var.getValueFrom().getSecretKeyRef().getKey();
        if (secret != null && secret.getData() != null && secret.getData().containsKey(key)) {
          env.put(var.getName(), new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8));
        } else if (secret != null && secret.getStringData() != null && secret.getStringData().containsKey(key)) {
          env.put(var.getName(), secret.getStringData().get(key));
        }
      } else if (var.getValueFrom() != null && var.getValueFrom().getConfigMapKeyRef() != null) {
        ConfigMap configMap = client.configMaps().inNamespace(pod.getMetadata().getNamespace())
            .withName(var.getValueFrom().getConfigMapKeyRef().getName()).get();
        String key = var.getValueFrom().getConfigMapKeyRef().getKey();
        if (configMap != null && configMap.getData() != null && configMap.getData().containsKey(key)) {
          env.put(var.getName(), configMap.getData().get(key));
        }
      }
    }
    return env;
  }

  private void finish(Pod pod, String phase, String podIp, String startedAt, List<ContainerStatus> initStatuses,
      List<ContainerStatus> statuses) {
    writeStatus(pod, new PodStatusBuilder().withPhase(phase).withPodIP(podIp).withStartTime(startedAt)
        .withInitContainerStatuses(initStatuses).withContainerStatuses(statuses).build());
  }

  private static List<ContainerStatus> waiting(List<Container> containers) {
    return orEmpty(containers).stream().map(c -> new ContainerStatusBuilder().withName(c.getName())
        .withImage(c.getImage()).withReady(false).withRestartCount(0)
        .withNewState().withNewWaiting().withReason("PodInitializing").endWaiting().endState().build()).toList();
  }

  private void writeStatus(Pod pod, PodStatus status) {
    if (deleted.contains(pod.getMetadata().getUid())) {
      return;
    }
    Pod current = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).get();
    if (current == null || !pod.getMetadata().getUid().equals(current.getMetadata().getUid())) {
      return;
    }
    current.setStatus(status);
    client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(current).updateStatus();
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    runner.shutdownNow();
  }
}
