package cloud.hyperbyte.reconcile.apply;

import cloud.hyperbyte.render.topology.ClusterLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a live object belongs to the operator's cluster. Both marks are required before the
 * operator deletes anything: a controller owner reference to the HyperbytedbCluster's UID and the
 * {@code app.kubernetes.io/managed-by=hyperbytedb-operator} label. Labels alone are copied easily
 * (a user cloning a Service keeps them); an owner reference alone may have been set by hand. An
 * object controlled by another owner is never applied to either.
 */
final class Ownership {

  private Ownership() {}

  /** Both ownership marks for the cluster with UID {@code ownerUid}. */
  static boolean ownedBy(HasMetadata live, String ownerUid) {
    return controllerUid(live).filter(ownerUid::equals).isPresent() && managedByOperator(live);
  }

  /** The UID of the controller owner other than {@code ownerUid}, if another owner controls it. */
  static Optional<String> controlledByOther(HasMetadata live, String ownerUid) {
    return controllerUid(live).filter(uid -> !uid.equals(ownerUid));
  }

  private static Optional<String> controllerUid(HasMetadata live) {
    List<OwnerReference> references = live.getMetadata().getOwnerReferences();
    if (references == null) {
      return Optional.empty();
    }
    return references.stream()
        .filter(r -> Boolean.TRUE.equals(r.getController()))
        .map(OwnerReference::getUid)
        .findFirst();
  }

  private static boolean managedByOperator(HasMetadata live) {
    Map<String, String> labels = live.getMetadata().getLabels();
    return labels != null && ClusterLabels.MANAGER.equals(labels.get(ClusterLabels.MANAGED_BY));
  }
}
