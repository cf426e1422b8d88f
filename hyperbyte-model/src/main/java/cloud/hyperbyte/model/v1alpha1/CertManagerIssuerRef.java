package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;

/** A cert-manager issuer. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class CertManagerIssuerRef {

  @JsonPropertyDescription("Issuer name.")
  @Required
  private String name;

  @JsonPropertyDescription("Issuer or ClusterIssuer.")
  @Default("Issuer")
  private IssuerKind kind;

  @JsonPropertyDescription("Issuer API group.")
  @Default("cert-manager.io")
  private String group;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public IssuerKind getKind() {
    return kind;
  }

  public void setKind(IssuerKind kind) {
    this.kind = kind;
  }

  public String getGroup() {
    return group;
  }

  public void setGroup(String group) {
    this.group = group;
  }

}
