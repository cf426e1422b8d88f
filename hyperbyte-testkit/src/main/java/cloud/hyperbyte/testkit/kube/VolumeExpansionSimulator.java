package cloud.hyperbyte.testkit.kube;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimCondition;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimConditionBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Simulated online volume expansion, as the CSI external-resizer and the kubelet move a claim whose
 * storage request grew (Kubernetes 1.34, {@code RecoverVolumeExpansionFailure} on):
 * <ol>
 *   <li>resizer: condition {@code Resizing}, {@code allocatedResources.storage} = the request,
 *       {@code allocatedResourceStatuses.storage: ControllerResizeInProgress};</li>
 *   <li>resizer, one step delay later: the volume grew; a filesystem volume then needs the node:
 *       condition {@code FileSystemResizePending}, {@code NodeResizePending} (a {@code Block} volume
 *       is done at once);</li>
 *   <li>kubelet, one step delay later, while a Running pod mounts the claim (online expansion):
 *       {@code status.capacity.storage} = the allocated size, conditions and statuses cleared.</li>
 * </ol>
 * Claims that are not Bound are left alone. {@link #holdFileSystemResize} keeps claims at step 2 so a
 * test can observe {@code FileSystemResizePending}.
 */
public final class VolumeExpansionSimulator implements AutoCloseable {

  static final String RESIZING = "Resizing";
  static final String FS_RESIZE_PENDING = "FileSystemResizePending";
  static final String FS_RESIZE_MESSAGE = "Waiting for user to (re-)start a pod to finish file system resize of volume on node.";

  private final KubernetesClient client;
  private final Duration stepDelay;
  private final Map<String, Long> lastStep = new ConcurrentHashMap<>();
  private volatile boolean fileSystemResizeHeld;
  private ControllerLoop loop;
  private SharedIndexInformer<PersistentVolumeClaim> claims;

  VolumeExpansionSimulator(KubernetesClient client, Duration stepDelay) {
    this.client = client;
    this.stepDelay = stepDelay;
  }

  void start() {
    loop = new ControllerLoop("volume-expansion-simulator", this::reconcile, this::allKeys);
    claims = client.persistentVolumeClaims().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(PersistentVolumeClaim pvc) {
        loop.enqueue(key(pvc));
      }

      @Override
      public void onUpdate(PersistentVolumeClaim old, PersistentVolumeClaim pvc) {
        onAdd(pvc);
      }

      @Override
      public void onDelete(PersistentVolumeClaim pvc, boolean unknown) {
        lastStep.remove(key(pvc));
      }
    });
  }

  /** While held, the kubelet does not finish filesystem resizes: claims stay {@code FileSystemResizePending}. */
  public void holdFileSystemResize(boolean hold) {
    fileSystemResizeHeld = hold;
    if (!hold && loop != null) {
      allKeys().forEach(loop::enqueue);
    }
  }

  @Override
  public void close() {
    if (loop != null) {
      loop.close();
    }
    if (claims != null) {
      claims.close();
    }
  }

  private List<String> allKeys() {
    return claims == null ? List.of() : claims.getStore().list().stream().map(VolumeExpansionSimulator::key).toList();
  }

  private static String key(PersistentVolumeClaim pvc) {
    return pvc.getMetadata().getNamespace() + "/" + pvc.getMetadata().getName();
  }

  private void reconcile(String key) {
    PersistentVolumeClaim cached = claims.getStore().getByKey(key);
    if (cached != null && !growing(cached)) {
      return; // any write that grows it is an informer event that queues it again
    }
    int slash = key.indexOf('/');
    PersistentVolumeClaim pvc = client.persistentVolumeClaims().inNamespace(key.substring(0, slash))
        .withName(key.substring(slash + 1)).get();
    if (pvc == null || !growing(pvc)) {
      return;
    }
    Long last = lastStep.get(key);
    if (last != null && System.nanoTime() - last < stepDelay.toNanos()) {
      return; // the periodic resync comes back
    }
    PersistentVolumeClaimStatus status = pvc.getStatus();
    Optional<BigDecimal> allocated = amount(status.getAllocatedResources());
    boolean resizing = hasCondition(status, RESIZING);
    boolean nodePending = hasCondition(status, FS_RESIZE_PENDING);
    Quantity target = pvc.getSpec().getResources().getRequests().get("storage");
    BigDecimal requested = Quantity.getAmountInBytes(target);
    if (allocated.isEmpty() || allocated.get().compareTo(requested) < 0 || (!resizing && !nodePending)) {
      status.setAllocatedResources(new HashMap<>(Map.of("storage", target)));
      status.setAllocatedResourceStatuses(new HashMap<>(Map.of("storage", "ControllerResizeInProgress")));
      status.setConditions(List.of(condition(RESIZING, "")));
    } else if (resizing) {
      if ("Block".equals(pvc.getSpec().getVolumeMode())) {
        finish(status);
      } else {
        status.setAllocatedResourceStatuses(new HashMap<>(Map.of("storage", "NodeResizePending")));
        status.setConditions(List.of(condition(FS_RESIZE_PENDING, FS_RESIZE_MESSAGE)));
      }
    } else if (!fileSystemResizeHeld && mountedByRunningPod(pvc)) {
      finish(status);
    } else {
      return;
    }
    client.persistentVolumeClaims().resource(pvc).updateStatus();
    lastStep.put(key, System.nanoTime());
  }

  /** Whether the claim is bound and asks for more than its capacity: a resize to drive. */
  private static boolean growing(PersistentVolumeClaim pvc) {
    if (pvc.getStatus() == null || !"Bound".equals(pvc.getStatus().getPhase())) {
      return false;
    }
    Optional<BigDecimal> requested = amount(pvc.getSpec().getResources() == null ? null
        : pvc.getSpec().getResources().getRequests());
    Optional<BigDecimal> capacity = amount(pvc.getStatus().getCapacity());
    return requested.isPresent() && capacity.isPresent() && requested.get().compareTo(capacity.get()) > 0;
  }

  private static void finish(PersistentVolumeClaimStatus status) {
    Map<String, Quantity> capacity = new HashMap<>(status.getCapacity());
    capacity.put("storage", status.getAllocatedResources().get("storage"));
    status.setCapacity(capacity);
    status.setAllocatedResourceStatuses(null);
    status.setConditions(null);
  }

  private boolean mountedByRunningPod(PersistentVolumeClaim pvc) {
    for (Pod pod : client.pods().inNamespace(pvc.getMetadata().getNamespace()).list().getItems()) {
      if (pod.getMetadata().getDeletionTimestamp() != null || !SimulatedPods.isRunning(pod)) {
        continue;
      }
      List<Volume> volumes = pod.getSpec() == null ? null : pod.getSpec().getVolumes();
      if (volumes != null && volumes.stream().anyMatch(v -> v.getPersistentVolumeClaim() != null
          && pvc.getMetadata().getName().equals(v.getPersistentVolumeClaim().getClaimName()))) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasCondition(PersistentVolumeClaimStatus status, String type) {
    return status.getConditions() != null && status.getConditions().stream()
        .anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static PersistentVolumeClaimCondition condition(String type, String message) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return new PersistentVolumeClaimConditionBuilder().withType(type).withStatus("True")
        .withLastTransitionTime(now).withLastProbeTime(now).withMessage(message.isEmpty() ? null : message).build();
  }

  private static Optional<BigDecimal> amount(Map<String, Quantity> resources) {
    Quantity storage = resources == null ? null : resources.get("storage");
    return storage == null ? Optional.empty() : Optional.of(Quantity.getAmountInBytes(storage));
  }
}
