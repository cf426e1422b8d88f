package cloud.hyperbyte.reconcile.snapshot;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Objects;
import java.util.Optional;

/**
 * What volume growth reads of a member's data PVC.
 *
 * @param name PVC name
 * @param ordinal ordinal of the member that owns it
 * @param storageClassName {@code spec.storageClassName}; empty when it has none
 * @param requested {@code spec.resources.requests.storage}
 * @param capacity {@code status.capacity.storage}; empty before it is bound
 * @param resizeCondition {@code Resizing} or {@code FileSystemResizePending} while the volume grows
 */
public record ObservedVolume(String name, int ordinal, Optional<String> storageClassName,
    Optional<Quantity> requested, Optional<Quantity> capacity, Optional<String> resizeCondition) {

  /** The condition the resizer sets while it expands the volume. */
  public static final String RESIZING = "Resizing";
  /** The condition left for the kubelet, which grows the filesystem while a pod mounts the volume. */
  public static final String FS_RESIZE_PENDING = "FileSystemResizePending";

  public ObservedVolume {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(storageClassName, "storageClassName");
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(capacity, "capacity");
    Objects.requireNonNull(resizeCondition, "resizeCondition");
  }

  /** Reads a data PVC already recognised as member {@code ordinal}'s. */
  public static ObservedVolume from(PersistentVolumeClaim pvc, int ordinal) {
    Optional<Quantity> requested = Optional.ofNullable(pvc.getSpec()).map(s -> s.getResources())
        .map(r -> r.getRequests()).map(r -> r.get("storage"));
    Optional<Quantity> capacity = Optional.ofNullable(pvc.getStatus()).map(s -> s.getCapacity())
        .map(c -> c.get("storage"));
    Optional<String> condition = Optional.ofNullable(pvc.getStatus()).map(s -> s.getConditions())
        .flatMap(conditions -> conditions.stream()
            .filter(c -> "True".equals(c.getStatus()))
            .map(PersistentVolumeClaimCondition::getType)
            .filter(t -> RESIZING.equals(t) || FS_RESIZE_PENDING.equals(t))
            .findFirst());
    Optional<String> storageClass = Optional.ofNullable(pvc.getSpec()).map(s -> s.getStorageClassName())
        .filter(s -> !s.isEmpty());
    return new ObservedVolume(pvc.getMetadata().getName(), ordinal, storageClass, requested, capacity, condition);
  }

  /** Whether the request is below {@code size}. */
  public boolean requestsLessThan(Quantity size) {
    return requested.map(r -> Sizes.compare(r, size) < 0).orElse(true);
  }

  /** Whether the volume reports at least {@code size}. */
  public boolean has(Quantity size) {
    return capacity.map(c -> Sizes.compare(c, size) >= 0).orElse(false);
  }
}
