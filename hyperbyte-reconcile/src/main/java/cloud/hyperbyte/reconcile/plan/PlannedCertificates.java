package cloud.hyperbyte.reconcile.plan;

import cloud.hyperbyte.model.spec.ClusterSpec;
import cloud.hyperbyte.model.spec.TlsMode;
import cloud.hyperbyte.render.topology.MemberTopology;
import cloud.hyperbyte.tls.NodeDnsNames;
import cloud.hyperbyte.reconcile.tls.TlsMaterial;
import cloud.hyperbyte.render.topology.ClusterNames;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.util.List;
import java.util.Optional;

/**
 * The certificate hash a plan renders the pod template with, without the TLS Secrets (a plan reads
 * no Secrets): the hash the live members run while the material stays, and a new one when the
 * operator will issue material: TLS turned on or its mode changed, or, with the operator's CA, a
 * member whose certificate must name other DNS names (the proxy Service comes or goes). Renewals that
 * fall due by time are not foreseen.
 */
public final class PlannedCertificates {

  /** The hash rendered for material the operator has yet to issue. */
  public static final String NEW_MATERIAL = "to-be-issued";

  private PlannedCertificates() {}

  /**
   * @param next the spec to apply
   * @param live the spec the cluster runs, if it exists
   * @param liveHash the certificate hash on the live StatefulSet's pod template, if any
   */
  public static Optional<String> hash(ClusterSpec next, Optional<ClusterSpec> live, Optional<String> liveHash) {
    TlsMode mode = next.server().tls().mode();
    if (mode == TlsMode.DISABLED) {
      return Optional.empty();
    }
    boolean sameMaterial = liveHash.isPresent() && live.isPresent() && live.get().server().tls().mode() == mode
        && (mode != TlsMode.OPERATOR_CA || sameNames(live.get(), next));
    return Optional.of(sameMaterial ? liveHash.get() : NEW_MATERIAL);
  }

  /**
   * The Secrets the operator writes for {@code hash}: with its own CA and material still to issue,
   * {@code <name>-ca} and {@code <name>-tls}, of type {@code Opaque}; only their names and type are
   * planned (for a Secret whose type cannot change into it, see {@code adoption.SecretTypeChange}).
   */
  public static List<Secret> secretsWritten(ClusterSpec spec, Optional<String> hash) {
    if (spec.server().tls().mode() != TlsMode.OPERATOR_CA || !hash.equals(Optional.of(NEW_MATERIAL))) {
      return List.of();
    }
    ClusterNames names = ClusterNames.of(spec);
    return List.of(secret(spec, names.caSecret()), secret(spec, names.tlsSecret()));
  }

  private static Secret secret(ClusterSpec spec, String name) {
    return new SecretBuilder().withNewMetadata().withName(name).withNamespace(spec.namespace()).endMetadata()
        .withType(TlsMaterial.OPERATOR_SECRET_TYPE).build();
  }

  private static boolean sameNames(ClusterSpec live, ClusterSpec next) {
    for (int ordinal : MemberTopology.of(next).ordinals()) {
      if (!names(live, ordinal).equals(names(next, ordinal))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> names(ClusterSpec spec, int ordinal) {
    return NodeDnsNames.forNode(spec.name(), spec.namespace(), spec.clusterDomain(), ordinal, spec.proxy().isPresent());
  }
}
