package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.reconcile.snapshot.LiveObjects;
import cloud.hyperbyte.reconcile.snapshot.ObservedStorage;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage facts of a snapshot: the data PVCs from the cache and, only while a PVC asks for less
 * than {@code spec.storage.volumeClaimTemplate.size}, whether their StorageClasses allow expansion. StorageClasses are
 * cluster-scoped and few; they are read with {@code get} when needed rather than watched.
 */
final class StorageClassLookup {

  private static final Logger LOG = LoggerFactory.getLogger(StorageClassLookup.class);

  private final KubernetesClient client;

  StorageClassLookup(KubernetesClient client) {
    this.client = client;
  }

  ObservedStorage observe(ClusterSpec spec, LiveObjects live) {
    return live.storage(spec, this::allowsExpansion);
  }

  /** {@code allowVolumeExpansion} of the class; empty when it does not exist or cannot be read. */
  private Optional<Boolean> allowsExpansion(String name) {
    try {
      StorageClass storageClass = client.storage().v1().storageClasses().withName(name).get();
      return storageClass == null ? Optional.empty()
          : Optional.of(Boolean.TRUE.equals(storageClass.getAllowVolumeExpansion()));
    } catch (KubernetesClientException e) {
      LOG.warn("cannot read StorageClass {}: {}", name, e.getMessage());
      return Optional.empty();
    }
  }
}
