package cloud.hyperbyte.reconcile.apply;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * The Kubernetes writes an {@link ApplyPlan} needs. The operator module implements it with the
 * fabric8 client; tests record calls.
 */
public interface ObjectWriter {

  /**
   * Server-side applies {@code object} with field manager {@code fieldManager} and {@code force=true}
   * (creates it when absent). Force is part of the contract: the operator owns the fields it sends
   * and takes them back from whoever changed them.
   */
  void apply(HasMetadata object, String fieldManager);

  /**
   * Deletes the object with a UID precondition, so a same-named object created since the plan was
   * made is not deleted. An object already gone is not an error.
   */
  void delete(ObjectRef ref, String uid);
}
