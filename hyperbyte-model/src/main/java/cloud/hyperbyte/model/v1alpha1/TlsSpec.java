package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** TLS settings. */
@ValidationRule(value = "!has(self.secretName) || !has(self.certManagerIssuerRef)", message = "set either secretName or certManagerIssuerRef, not both")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class TlsSpec {

  @JsonPropertyDescription("Serve HTTPS.")
  @Default("false")
  private Boolean enabled;

  @JsonPropertyDescription("A kubernetes.io/tls Secret supplied by the user; empty means the operator issues certificates.")
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  private String secretName;

  @JsonPropertyDescription("Issue certificates with cert-manager instead of the operator's own CA.")
  private CertManagerIssuerRef certManagerIssuerRef;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public String getSecretName() {
    return secretName;
  }

  public void setSecretName(String secretName) {
    this.secretName = secretName;
  }

  public CertManagerIssuerRef getCertManagerIssuerRef() {
    return certManagerIssuerRef;
  }

  public void setCertManagerIssuerRef(CertManagerIssuerRef certManagerIssuerRef) {
    this.certManagerIssuerRef = certManagerIssuerRef;
  }

}
