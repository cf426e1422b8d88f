package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.reconcile.snapshot.ObservedPvc;
import cloud.hyperbyte.reconcile.snapshot.ObservedStorage;
import cloud.hyperbyte.reconcile.snapshot.ObservedVolume;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  ObservedStorage observe(ClusterSpec spec, List<PersistentVolumeClaim> claims, String statefulSet) {
    List<ObservedVolume> volumes = claims.stream()
        .flatMap(pvc -> ObservedPvc.from(pvc, ClusterNames.DATA_VOLUME, statefulSet).stream()
            .map(observed -> ObservedVolume.from(pvc, observed.ordinal())))
        .sorted(Comparator.comparingInt(ObservedVolume::ordinal))
        .toList();
    Quantity desired = new Quantity(spec.storage().size());
    Map<String, Optional<Boolean>> expansion = new LinkedHashMap<>();
    volumes.stream().filter(v -> v.requestsLessThan(desired)).flatMap(v -> v.storageClassName().stream())
        .distinct().forEach(name -> expansion.put(name, allowsExpansion(name)));
    return new ObservedStorage(volumes, expansion);
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
