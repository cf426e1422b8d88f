package cloud.hyperbyte.reconcile.snapshot;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The member data volumes and the StorageClasses they were provisioned from, for volume growth.
 *
 * @param volumes one per data PVC of the cluster, by ordinal
 * @param expansion for each StorageClass the volumes name, its {@code allowVolumeExpansion}; an empty
 *     value when the class does not exist (or could not be read). Classes are read only while a growth
 *     is pending, so the map may be empty otherwise.
 */
public record ObservedStorage(List<ObservedVolume> volumes, Map<String, Optional<Boolean>> expansion) {

  /** Nothing observed (a snapshot built without storage facts). */
  public static final ObservedStorage NONE = new ObservedStorage(List.of(), Map.of());

  public ObservedStorage {
    volumes = List.copyOf(volumes);
    expansion = Map.copyOf(expansion);
  }
}
