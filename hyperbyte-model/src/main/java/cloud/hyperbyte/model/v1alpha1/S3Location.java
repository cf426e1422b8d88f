package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** An S3 or S3-compatible location. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class S3Location {

  @JsonPropertyDescription("Bucket name.")
  @Required
  @Size(min = 3, max = 63)
  private String bucket;

  @JsonPropertyDescription("Key prefix; for a restore source it may point at one snapshot.")
  private String prefix;

  @JsonPropertyDescription("Region; default us-east-1.")
  private String region;

  @JsonPropertyDescription("Endpoint of an S3-compatible store such as MinIO.")
  @Pattern("^https?://.+")
  private String endpoint;

  @JsonPropertyDescription("Secret with keys access_key_id and secret_access_key.")
  private String credentialsSecretName;

  @JsonPropertyDescription("Path-style addressing (needed by most S3-compatible stores).")
  @Default("false")
  private Boolean forcePathStyle;

  public String getBucket() {
    return bucket;
  }

  public void setBucket(String bucket) {
    this.bucket = bucket;
  }

  public String getPrefix() {
    return prefix;
  }

  public void setPrefix(String prefix) {
    this.prefix = prefix;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public String getCredentialsSecretName() {
    return credentialsSecretName;
  }

  public void setCredentialsSecretName(String credentialsSecretName) {
    this.credentialsSecretName = credentialsSecretName;
  }

  public Boolean getForcePathStyle() {
    return forcePathStyle;
  }

  public void setForcePathStyle(Boolean forcePathStyle) {
    this.forcePathStyle = forcePathStyle;
  }

}
