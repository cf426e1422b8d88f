package cloud.hyperbyte.testkit.kube.admission;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Read access to what the simulated server stores, for checks that depend on other objects (StorageClasses, CRDs). */
@FunctionalInterface
public interface StoredObjects {

  /** The stored object at a REST path such as {@code /apis/storage.k8s.io/v1/storageclasses/standard}. */
  Optional<JsonNode> get(String path);
}
