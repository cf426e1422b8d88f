package cloud.hyperbyte.testkit.kube.admission;

/**
 * One admission check of the simulated API server. It sees the object as it would be stored and may
 * refuse the write or hand back a changed object (defaults, pruned fields) with warnings.
 */
@FunctionalInterface
public interface AdmissionStep {

  /** Admits, changes or refuses one write; never throws for bad input (refuse it instead). */
  AdmissionResult admit(AdmissionRequest request);
}
