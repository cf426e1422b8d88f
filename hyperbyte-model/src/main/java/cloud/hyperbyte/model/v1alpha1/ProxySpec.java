package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;

/** hyperbytedb-proxy in front of the cluster. */
@ValidationRule(value = "!has(self.port) || !has(self.adminPort) || self.port != self.adminPort", message = "proxy.port and proxy.adminPort must differ", fieldPath = ".adminPort")
@ValidationRule(value = "!has(self.nodePort) || (has(self.serviceType) && self.serviceType != 'ClusterIP')", message = "proxy.nodePort needs serviceType NodePort or LoadBalancer", fieldPath = ".nodePort")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ProxySpec {

  @JsonPropertyDescription("Run the proxy.")
  @Default("false")
  private Boolean enabled;

  @JsonPropertyDescription("Proxy image repository or full reference. A repository alone takes its tag from version and, when version changes, moves to the new tag only after every member was upgraded; a reference with a tag or digest is applied at once.")
  @Default("ghcr.io/hyperbyte-cloud/hyperbytedb-proxy")
  private String image;

  @JsonPropertyDescription("Proxy image pull policy.")
  private PullPolicy imagePullPolicy;

  @JsonPropertyDescription("Secrets used to pull the proxy image; default the cluster's imagePullSecrets.")
  private List<LocalObjectReference> imagePullSecrets;

  @JsonPropertyDescription("Proxy replicas, 1 to 99: the proxy is stateless, and the bound keeps what the operator plans per pass small.")
  @Default("2")
  @Min(1)
  @Max(HyperbytedbClusterSpec.MAX_REPLICAS)
  private Integer replicas;

  @JsonPropertyDescription("Public port; default the server port.")
  @Min(1)
  @Max(65535)
  private Integer port;

  @JsonPropertyDescription("Admin port (probes, metrics, backend exclusion).")
  @Default("8087")
  @Min(1)
  @Max(65535)
  private Integer adminPort;

  @JsonPropertyDescription("Backend health path.")
  @Default("/health")
  @Pattern("^/.*")
  private String healthPath;

  @JsonPropertyDescription("Wait for a healthy backend before answering 503.")
  @Default("30")
  @Min(0)
  private Integer holdTimeoutSecs;

  @JsonPropertyDescription("Retries on another backend; 0 means the default, 2 (as in the Go operator).")
  @Default("2")
  @Min(0)
  private Integer maxRetries;

  @JsonPropertyDescription("Drain time after SIGTERM.")
  @Default("30")
  @Min(1)
  private Integer shutdownGraceSecs;

  @JsonPropertyDescription("Upstream request timeout; default 60.")
  @Min(1)
  private Integer requestTimeoutSecs;

  @JsonPropertyDescription("Proxy container resources.")
  private ResourceRequirements resources;

  @JsonPropertyDescription("Proxy Service type.")
  @Default("ClusterIP")
  private ServiceType serviceType;

  @JsonPropertyDescription("Node port for NodePort/LoadBalancer.")
  @Min(30000)
  @Max(32767)
  private Integer nodePort;

  @JsonPropertyDescription("Extra proxy pod annotations.")
  private Map<String, String> podAnnotations;

  @JsonPropertyDescription("Extra proxy pod labels.")
  private Map<String, String> podLabels;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public PullPolicy getImagePullPolicy() {
    return imagePullPolicy;
  }

  public void setImagePullPolicy(PullPolicy imagePullPolicy) {
    this.imagePullPolicy = imagePullPolicy;
  }

  public List<LocalObjectReference> getImagePullSecrets() {
    return imagePullSecrets;
  }

  public void setImagePullSecrets(List<LocalObjectReference> imagePullSecrets) {
    this.imagePullSecrets = imagePullSecrets;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public Integer getAdminPort() {
    return adminPort;
  }

  public void setAdminPort(Integer adminPort) {
    this.adminPort = adminPort;
  }

  public String getHealthPath() {
    return healthPath;
  }

  public void setHealthPath(String healthPath) {
    this.healthPath = healthPath;
  }

  public Integer getHoldTimeoutSecs() {
    return holdTimeoutSecs;
  }

  public void setHoldTimeoutSecs(Integer holdTimeoutSecs) {
    this.holdTimeoutSecs = holdTimeoutSecs;
  }

  public Integer getMaxRetries() {
    return maxRetries;
  }

  public void setMaxRetries(Integer maxRetries) {
    this.maxRetries = maxRetries;
  }

  public Integer getShutdownGraceSecs() {
    return shutdownGraceSecs;
  }

  public void setShutdownGraceSecs(Integer shutdownGraceSecs) {
    this.shutdownGraceSecs = shutdownGraceSecs;
  }

  public Integer getRequestTimeoutSecs() {
    return requestTimeoutSecs;
  }

  public void setRequestTimeoutSecs(Integer requestTimeoutSecs) {
    this.requestTimeoutSecs = requestTimeoutSecs;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public ServiceType getServiceType() {
    return serviceType;
  }

  public void setServiceType(ServiceType serviceType) {
    this.serviceType = serviceType;
  }

  public Integer getNodePort() {
    return nodePort;
  }

  public void setNodePort(Integer nodePort) {
    this.nodePort = nodePort;
  }

  public Map<String, String> getPodAnnotations() {
    return podAnnotations;
  }

  public void setPodAnnotations(Map<String, String> podAnnotations) {
    this.podAnnotations = podAnnotations;
  }

  public Map<String, String> getPodLabels() {
    return podLabels;
  }

  public void setPodLabels(Map<String, String> podLabels) {
    this.podLabels = podLabels;
  }

}
