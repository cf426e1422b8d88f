package cloud.hyperbyte.render.service;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.render.metadata.ObjectMetadata;
import cloud.hyperbyte.render.topology.ClusterLabels;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * PodDisruptionBudget {@code <name>-pdb}, only with two or more members. {@code maxUnavailable: 1}
 * lets voluntary disruptions (node drains) take one member at a time, which keeps a Raft majority
 * for three or more members; unlike the Go operator's {@code minAvailable: replicas-1} it does not
 * change with the replica count and does not block drains of a 2-member cluster forever.
 */
public final class DisruptionBudgetRenderer {

  private DisruptionBudgetRenderer() {}

  /** The PDB, or empty below two members. */
  public static Optional<PodDisruptionBudget> render(ClusterSpec spec) {
    if (spec.replicas() < 2) {
      return Optional.empty();
    }
    return Optional.of(
        new PodDisruptionBudgetBuilder()
            .withMetadata(ObjectMetadata.database(spec, ClusterNames.of(spec).podDisruptionBudget()))
            .withNewSpec()
            .withMaxUnavailable(new IntOrString(1))
            .withNewSelector()
            .withMatchLabels(new LinkedHashMap<>(ClusterLabels.selector(spec)))
            .endSelector()
            .endSpec()
            .build());
  }
}
