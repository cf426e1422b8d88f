package cloud.hyperbyte.reconcile.adoption;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import java.util.Optional;

/**
 * What the adoption decision reads besides the snapshot: the cluster's own metadata and raw spec, the
 * live objects it owns, and the Secrets this pass writes. The operator fills it from its caches and
 * the TLS decision; {@code hyperbyte plan} from a listing and the certificates it plans.
 *
 * @param clusterUid the cluster's UID (Secrets it controls are the ones replaced); empty for a new cluster
 * @param proxyOmitted whether the cluster's spec has no {@code proxy} block at all (the Go operator's
 *     default was a proxy)
 * @param finalizers the cluster's finalizers
 * @param owned the live objects the cluster owns, Secrets included when known
 * @param secretsWritten the Secrets the pass writes (only name and type are read)
 */
public record AdoptionInput(String clusterUid, boolean proxyOmitted, List<String> finalizers, List<HasMetadata> owned,
    List<Secret> secretsWritten) {

  public AdoptionInput {
    clusterUid = clusterUid == null ? "" : clusterUid;
    finalizers = List.copyOf(finalizers);
    owned = List.copyOf(owned);
    secretsWritten = List.copyOf(secretsWritten);
  }

  /** The input for {@code cluster} as the API server holds it. */
  public static AdoptionInput of(HyperbytedbCluster cluster, List<HasMetadata> owned, List<Secret> secretsWritten) {
    boolean proxyOmitted = cluster.getSpec() == null || cluster.getSpec().getProxy() == null;
    List<String> finalizers = Optional.ofNullable(cluster.getMetadata().getFinalizers()).orElse(List.of());
    return new AdoptionInput(cluster.getMetadata().getUid(), proxyOmitted, finalizers, owned, secretsWritten);
  }

  /** Nothing owned, no finalizer, no Secret written: a cluster that does not exist yet. */
  public static AdoptionInput none() {
    return new AdoptionInput("", false, List.of(), List.of(), List.of());
  }
}
