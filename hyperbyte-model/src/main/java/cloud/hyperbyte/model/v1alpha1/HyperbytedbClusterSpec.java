package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.annotation.JsonDeserialize;

/** Desired state of a HyperbyteDB cluster. */
@ValidationRule(value = "!has(self.podLabels) || !self.podLabels.exists(k, k == 'app.kubernetes.io/name' || k == 'app.kubernetes.io/instance' || k == 'app.kubernetes.io/managed-by')", message = "podLabels may not set app.kubernetes.io/name, app.kubernetes.io/instance or app.kubernetes.io/managed-by: the operator selects its pods by them", fieldPath = ".podLabels")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class HyperbytedbClusterSpec {

  /**
   * The most members (and HPA or proxy replicas) a cluster may ask for. Every member is a Raft
   * voter and each commit waits for a majority of them, and every pass plans per member, so the
   * bound keeps both the consensus and the operator's work small; no 0.8.5 deployment needs more.
   */
  public static final int MAX_REPLICAS = 99;

  /** Most extra pod labels: the CRD's CEL rule walks them, so the API server needs a bound to cost it. */
  public static final int MAX_POD_LABELS = 64;

  /** Kubernetes' own limit on a label value (63 characters). */
  public static final int MAX_LABEL_VALUE_LENGTH = 63;

  @JsonPropertyDescription("Number of database members (StatefulSet replicas), 1 to 99. Every member is a Raft voter and each commit waits for a majority of them; the upper bound keeps consensus and the operator's per-member planning small.")
  @SpecReplicas
  @Min(1)
  @Max(MAX_REPLICAS)
  @Default("1")
  private Integer replicas;

  @JsonPropertyDescription("Image repository, or a full reference with tag or digest.")
  @Default("ghcr.io/hyperbyte-cloud/hyperbytedb")
  private String image;

  @JsonPropertyDescription("Image tag; a leading v is dropped. Changing it triggers a rolling upgrade.")
  @Default("0.8.5")
  @Pattern("^v?[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")
  private String version;

  @JsonPropertyDescription("Image pull policy of the database and proxy containers.")
  private PullPolicy imagePullPolicy;

  @JsonPropertyDescription("Secrets used to pull the images.")
  private List<LocalObjectReference> imagePullSecrets;

  @JsonPropertyDescription("Freeze all changes to owned objects; deletion still works.")
  @Default("false")
  private Boolean paused;

  @JsonPropertyDescription("Resources of the database container.")
  private ResourceRequirements resources;

  @JsonPropertyDescription("Extra annotations on database pods.")
  private Map<String, String> podAnnotations;

  @JsonPropertyDescription("Extra labels on database pods (at most 64, values at most 63 characters); cannot override the operator's own labels.")
  @Size(max = MAX_POD_LABELS)
  private Map<String, @Size(max = MAX_LABEL_VALUE_LENGTH) String> podLabels;

  @JsonPropertyDescription("Pod affinity; default is a preferred anti-affinity on the node hostname.")
  @JsonDeserialize(using = BoundOnFirstUse.class)
  private Affinity affinity;

  @JsonPropertyDescription("Pod tolerations.")
  @JsonDeserialize(contentUsing = BoundOnFirstUse.class)
  private List<Toleration> tolerations;

  @JsonPropertyDescription("Pod topology spread constraints.")
  @JsonDeserialize(contentUsing = BoundOnFirstUse.class)
  private List<TopologySpreadConstraint> topologySpreadConstraints;

  @JsonPropertyDescription("Pod node selector.")
  private Map<String, String> nodeSelector;

  @JsonPropertyDescription("Pod priority class.")
  private String priorityClassName;

  @JsonPropertyDescription("Extra pod volumes.")
  @JsonDeserialize(contentUsing = BoundOnFirstUse.class)
  private List<Volume> additionalVolumes;

  @JsonPropertyDescription("Extra mounts in the database container; may not collide with the operator's paths.")
  @JsonDeserialize(contentUsing = BoundOnFirstUse.class)
  private List<VolumeMount> additionalVolumeMounts;

  @JsonPropertyDescription("Replaces the default pod security context (non-root uid 10001, fsGroup 10001, seccomp RuntimeDefault).")
  @JsonDeserialize(using = BoundOnFirstUse.class)
  private PodSecurityContext podSecurityContext;

  @JsonPropertyDescription("Replaces the default container security context (no privilege escalation, all capabilities dropped).")
  @JsonDeserialize(using = BoundOnFirstUse.class)
  private SecurityContext containerSecurityContext;

  @JsonPropertyDescription("HTTP server settings.")
  private ServerSpec server;

  @JsonPropertyDescription("Per-member persistent storage.")
  private StorageSpec storage;

  @JsonPropertyDescription("WAL to chDB flush settings.")
  private FlushSpec flush;

  @JsonPropertyDescription("chDB engine settings.")
  private ChdbSpec chdb;

  @JsonPropertyDescription("Authentication.")
  private AuthSpec auth;

  @JsonPropertyDescription("Server logging.")
  private LoggingSpec logging;

  @JsonPropertyDescription("Cardinality limits.")
  private CardinalitySpec cardinality;

  @JsonPropertyDescription("Statement summary.")
  private StatementSummarySpec statementSummary;

  @JsonPropertyDescription("Hinted handoff.")
  private HintedHandoffSpec hintedHandoff;

  @JsonPropertyDescription("Per-endpoint rate limiting.")
  private RateLimitSpec rateLimit;

  @JsonPropertyDescription("Retention policy enforcement.")
  private RetentionSpec retention;

  @JsonPropertyDescription("Cluster (replicas > 1) settings.")
  private ClusterTuningSpec cluster;

  @JsonPropertyDescription("The Go operator's experimental sharding block. Server 0.8.5 has no sharding: enabled: true is refused, other fields have no effect.")
  private ShardingSpec sharding;

  @JsonPropertyDescription("Prometheus and Grafana integration.")
  private MonitoringSpec monitoring;

  @JsonPropertyDescription("HorizontalPodAutoscaler on the cluster's scale subresource.")
  private AutoscalingSpec autoscaling;

  @JsonPropertyDescription("Automatic recovery of unhealthy members.")
  private FailoverSpec failover;

  @JsonPropertyDescription("How new members get their data.")
  private ScalingSpec scaling;

  @JsonPropertyDescription("hyperbytedb-proxy in front of the cluster.")
  private ProxySpec proxy;

  @JsonPropertyDescription("What happens to member volumes on scale-down and deletion.")
  private PvcRetentionSpec persistentVolumeClaimRetention;

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
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

  public Boolean getPaused() {
    return paused;
  }

  public void setPaused(Boolean paused) {
    this.paused = paused;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
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

  public Affinity getAffinity() {
    return affinity;
  }

  public void setAffinity(Affinity affinity) {
    this.affinity = affinity;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public List<TopologySpreadConstraint> getTopologySpreadConstraints() {
    return topologySpreadConstraints;
  }

  public void setTopologySpreadConstraints(List<TopologySpreadConstraint> topologySpreadConstraints) {
    this.topologySpreadConstraints = topologySpreadConstraints;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public String getPriorityClassName() {
    return priorityClassName;
  }

  public void setPriorityClassName(String priorityClassName) {
    this.priorityClassName = priorityClassName;
  }

  public List<Volume> getAdditionalVolumes() {
    return additionalVolumes;
  }

  public void setAdditionalVolumes(List<Volume> additionalVolumes) {
    this.additionalVolumes = additionalVolumes;
  }

  public List<VolumeMount> getAdditionalVolumeMounts() {
    return additionalVolumeMounts;
  }

  public void setAdditionalVolumeMounts(List<VolumeMount> additionalVolumeMounts) {
    this.additionalVolumeMounts = additionalVolumeMounts;
  }

  public PodSecurityContext getPodSecurityContext() {
    return podSecurityContext;
  }

  public void setPodSecurityContext(PodSecurityContext podSecurityContext) {
    this.podSecurityContext = podSecurityContext;
  }

  public SecurityContext getContainerSecurityContext() {
    return containerSecurityContext;
  }

  public void setContainerSecurityContext(SecurityContext containerSecurityContext) {
    this.containerSecurityContext = containerSecurityContext;
  }

  public ServerSpec getServer() {
    return server;
  }

  public void setServer(ServerSpec server) {
    this.server = server;
  }

  public StorageSpec getStorage() {
    return storage;
  }

  public void setStorage(StorageSpec storage) {
    this.storage = storage;
  }

  public FlushSpec getFlush() {
    return flush;
  }

  public void setFlush(FlushSpec flush) {
    this.flush = flush;
  }

  public ChdbSpec getChdb() {
    return chdb;
  }

  public void setChdb(ChdbSpec chdb) {
    this.chdb = chdb;
  }

  public AuthSpec getAuth() {
    return auth;
  }

  public void setAuth(AuthSpec auth) {
    this.auth = auth;
  }

  public LoggingSpec getLogging() {
    return logging;
  }

  public void setLogging(LoggingSpec logging) {
    this.logging = logging;
  }

  public CardinalitySpec getCardinality() {
    return cardinality;
  }

  public void setCardinality(CardinalitySpec cardinality) {
    this.cardinality = cardinality;
  }

  public StatementSummarySpec getStatementSummary() {
    return statementSummary;
  }

  public void setStatementSummary(StatementSummarySpec statementSummary) {
    this.statementSummary = statementSummary;
  }

  public HintedHandoffSpec getHintedHandoff() {
    return hintedHandoff;
  }

  public void setHintedHandoff(HintedHandoffSpec hintedHandoff) {
    this.hintedHandoff = hintedHandoff;
  }

  public RateLimitSpec getRateLimit() {
    return rateLimit;
  }

  public void setRateLimit(RateLimitSpec rateLimit) {
    this.rateLimit = rateLimit;
  }

  public RetentionSpec getRetention() {
    return retention;
  }

  public void setRetention(RetentionSpec retention) {
    this.retention = retention;
  }

  public ClusterTuningSpec getCluster() {
    return cluster;
  }

  public void setCluster(ClusterTuningSpec cluster) {
    this.cluster = cluster;
  }

  public ShardingSpec getSharding() {
    return sharding;
  }

  public void setSharding(ShardingSpec sharding) {
    this.sharding = sharding;
  }

  public MonitoringSpec getMonitoring() {
    return monitoring;
  }

  public void setMonitoring(MonitoringSpec monitoring) {
    this.monitoring = monitoring;
  }

  public AutoscalingSpec getAutoscaling() {
    return autoscaling;
  }

  public void setAutoscaling(AutoscalingSpec autoscaling) {
    this.autoscaling = autoscaling;
  }

  public ScalingSpec getScaling() {
    return scaling;
  }

  public void setScaling(ScalingSpec scaling) {
    this.scaling = scaling;
  }

  public FailoverSpec getFailover() {
    return failover;
  }

  public void setFailover(FailoverSpec failover) {
    this.failover = failover;
  }

  public ProxySpec getProxy() {
    return proxy;
  }

  public void setProxy(ProxySpec proxy) {
    this.proxy = proxy;
  }

  public PvcRetentionSpec getPersistentVolumeClaimRetention() {
    return persistentVolumeClaimRetention;
  }

  public void setPersistentVolumeClaimRetention(PvcRetentionSpec persistentVolumeClaimRetention) {
    this.persistentVolumeClaimRetention = persistentVolumeClaimRetention;
  }

}
