package cloud.hyperbyte.model.spec;

import cloud.hyperbyte.model.v1alpha1.WalFormat;
import java.util.Optional;
import org.immutables.value.Value;

/** Per-member persistent storage. */
@Value.Immutable
public interface StorageSettings {

  /** Storage class; empty means the cluster default. */
  Optional<String> storageClassName();

  /** Requested volume size as a Kubernetes quantity. */
  String size();

  /** WAL encoding. */
  WalFormat walFormat();
}
