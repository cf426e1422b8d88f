package cloud.hyperbyte.reconcile.backup;

import java.util.Optional;

/** Opens the object store of a destination. The operator reads the credentials Secret first. */
public interface ObjectStoreFactory {

  /**
   * A store for {@code settings}; with empty {@code credentials} the implementation uses its
   * environment's default credentials (e.g. a workload identity).
   */
  ObjectStore open(S3Settings settings, Optional<S3Credentials> credentials);
}
