package cloud.hyperbyte.operator.campaign;

import java.time.Duration;
import java.util.List;

/**
 * What one seed does: the cluster it creates, whether two operator instances compete for the Lease,
 * and the steps; faults all end by {@link #faultsEnd()}, after which the run must converge.
 *
 * @param seed the seed it was generated from (and the seed of the API's fault probabilities)
 * @param replicas the replicas the cluster is created with
 * @param deleteClaimsOnScaleDown whether the cluster sets {@code persistentVolumeClaimRetention.whenScaled: Delete}
 * @param twoOperators whether a second operator instance stands by
 */
record Schedule(long seed, int replicas, boolean deleteClaimsOnScaleDown, boolean twoOperators, List<Step> steps,
    Duration faultsEnd) {

  /** The schedule as a failing seed prints it. */
  String print() {
    StringBuilder out = new StringBuilder("seed " + seed + ": create " + replicas + " replicas"
        + (deleteClaimsOnScaleDown ? ", whenScaled: Delete" : "") + (twoOperators ? ", two operators" : ", one operator")
        + "; faults end at t+" + faultsEnd.toSeconds() + "s\n");
    steps.forEach(step -> out.append("  ").append(step).append('\n'));
    return out.toString();
  }
}
