package cloud.hyperbyte.model.spec;

import org.immutables.value.Value;

/** A cert-manager issuer reference. */
@Value.Immutable
public interface IssuerRef {

  /** Issuer name. */
  String name();

  /** Issuer or ClusterIssuer. */
  String kind();

  /** Issuer API group. */
  String group();
}
