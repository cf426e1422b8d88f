package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kind of a cert-manager issuer. */
public enum IssuerKind implements WireEnum {
  @JsonProperty("Issuer")
  ISSUER,
  @JsonProperty("ClusterIssuer")
  CLUSTER_ISSUER;
}
