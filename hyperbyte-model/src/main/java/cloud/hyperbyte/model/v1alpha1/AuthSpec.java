package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** Authentication. */
@ValidationRule(value = "!self.enabled || has(self.credentialsSecretName)", message = "auth.enabled needs credentialsSecretName: the server has no first-admin mechanism, so the operator creates the admin user from that Secret", fieldPath = ".credentialsSecretName")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class AuthSpec {

  @JsonPropertyDescription("Require credentials on the HTTP API.")
  @Default("false")
  private Boolean enabled;

  @JsonPropertyDescription("Secret with keys username and password of the admin user the operator bootstraps and uses.")
  private String credentialsSecretName;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public String getCredentialsSecretName() {
    return credentialsSecretName;
  }

  public void setCredentialsSecretName(String credentialsSecretName) {
    this.credentialsSecretName = credentialsSecretName;
  }

}
