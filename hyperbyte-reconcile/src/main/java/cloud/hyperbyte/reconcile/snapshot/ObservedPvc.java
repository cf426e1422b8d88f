package cloud.hyperbyte.reconcile.snapshot;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.Objects;
import java.util.Optional;

/**
 * A member's data PVC ({@code data-<cluster>-<ordinal>}).
 *
 * @param name PVC name
 * @param ordinal ordinal of the member that owns it
 * @param terminating a deletionTimestamp is set
 */
public record ObservedPvc(String name, int ordinal, boolean terminating) {

  public ObservedPvc {
    Objects.requireNonNull(name, "name");
  }

  /** Reads {@code pvc}; empty when it is not a data PVC of {@code statefulSetName}. */
  public static Optional<ObservedPvc> from(PersistentVolumeClaim pvc, String dataVolume, String statefulSetName) {
    String name = pvc.getMetadata().getName();
    String prefix = dataVolume + "-" + statefulSetName + "-";
    if (!name.startsWith(prefix)) {
      return Optional.empty();
    }
    try {
      int ordinal = Integer.parseInt(name.substring(prefix.length()));
      return Optional.of(new ObservedPvc(name, ordinal, pvc.getMetadata().getDeletionTimestamp() != null));
    } catch (NumberFormatException notAMember) {
      return Optional.empty();
    }
  }
}
