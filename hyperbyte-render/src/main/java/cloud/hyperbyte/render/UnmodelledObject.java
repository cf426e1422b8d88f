package cloud.hyperbyte.render;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A rendered object of a kind fabric8 has no model for (ServiceMonitor, PrometheusRule, cert-manager
 * Certificate): apiVersion, kind, metadata and a plain {@code spec}, and like a generic resource any
 * other top-level field it is read with (a status). It serializes as fabric8's {@code
 * GenericKubernetesResource} with the same fields does, but is not one: that class builds a Jackson
 * mapper in its static initialiser, which cost a command-line render about a sixth of its CPU time. The
 * operator turns it into a generic resource where it applies it.
 */
@JsonDeserialize(using = ValueDeserializer.None.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"apiVersion", "kind", "metadata", "spec"})
public final class UnmodelledObject implements HasMetadata {

  @JsonProperty("apiVersion")
  private String apiVersion;
  @JsonProperty("kind")
  private String kind;
  @JsonProperty("metadata")
  private ObjectMeta metadata;
  @JsonProperty("spec")
  private Map<String, Object> spec;
  @JsonIgnore
  private final Map<String, Object> additionalProperties = new LinkedHashMap<>();

  /** For Jackson. */
  public UnmodelledObject() {}

  public UnmodelledObject(String apiVersion, String kind, ObjectMeta metadata, Map<String, Object> spec) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.metadata = metadata;
    this.spec = spec;
  }

  @Override
  public String getApiVersion() {
    return apiVersion;
  }

  @Override
  public void setApiVersion(String apiVersion) {
    this.apiVersion = apiVersion;
  }

  @Override
  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  @Override
  public ObjectMeta getMetadata() {
    return metadata;
  }

  @Override
  public void setMetadata(ObjectMeta metadata) {
    this.metadata = metadata;
  }

  public Map<String, Object> getSpec() {
    return spec;
  }

  public void setSpec(Map<String, Object> spec) {
    this.spec = spec;
  }

  /** Top-level fields other than these four, such as a status read back from the API server. */
  @JsonAnyGetter
  public Map<String, Object> getAdditionalProperties() {
    return additionalProperties;
  }

  @JsonAnySetter
  public void setAdditionalProperty(String name, Object value) {
    additionalProperties.put(name, value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UnmodelledObject that && Objects.equals(apiVersion, that.apiVersion)
        && Objects.equals(kind, that.kind) && Objects.equals(metadata, that.metadata) && Objects.equals(spec, that.spec)
        && additionalProperties.equals(that.additionalProperties);
  }

  @Override
  public int hashCode() {
    return Objects.hash(apiVersion, kind, metadata, spec, additionalProperties);
  }

  @Override
  public String toString() {
    return "UnmodelledObject(apiVersion=" + apiVersion + ", kind=" + kind + ", metadata=" + metadata
        + ", spec=" + spec + ", additionalProperties=" + additionalProperties + ")";
  }
}
