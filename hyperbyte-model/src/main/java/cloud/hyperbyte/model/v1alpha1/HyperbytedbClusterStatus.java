package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.List;

/** Observed state of a HyperbyteDB cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class HyperbytedbClusterStatus {

  @JsonPropertyDescription("Pending, Initializing, Running, Scaling, Upgrading or Failed.")
  private String phase;

  @JsonPropertyDescription("Generation the status reflects.")
  private Long observedGeneration;

  @JsonPropertyDescription("Current member count.")
  @StatusReplicas
  private Integer replicas;

  @JsonPropertyDescription("Ready members.")
  private Integer readyReplicas;

  @JsonPropertyDescription("Label selector of the members (scale subresource).")
  @LabelSelector
  private String selector;

  @JsonPropertyDescription("Version every member runs.")
  private String currentVersion;

  @JsonPropertyDescription("Version being rolled out.")
  private String targetVersion;

  @JsonPropertyDescription("Healthy, Degraded, Recovering, Unavailable or Unknown.")
  private String clusterState;

  @JsonPropertyDescription("Healthy, Lagging or Unknown.")
  private String replicationState;

  @JsonPropertyDescription("One entry per member.")
  private List<MemberStatus> members;

  @JsonPropertyDescription("Failovers performed.")
  private Integer failoverCount;

  @JsonPropertyDescription("Hash of the restart-relevant configuration.")
  private String configHash;

  @JsonPropertyDescription("Hash of the TLS material the members run with.")
  private String certificateHash;

  @JsonPropertyDescription("Name of the HyperbytedbRestore holding the cluster at zero replicas.")
  private String heldBy;

  @JsonPropertyDescription("Rolling upgrade in progress.")
  private RollingUpgradeStatus rollingUpgrade;

  @JsonPropertyDescription("Scale-down in progress.")
  private ScaleDownStatus scaleDown;

  @JsonPropertyDescription("New members whose volumes are being seeded before their first start.")
  private List<MemberSeedStatus> seeding;

  @JsonPropertyDescription("Data volume size, requested and per member; set once a volume resize was asked for.")
  private StorageStatus storage;

  @JsonPropertyDescription("Ready, Progressing, Degraded, Paused, ClusterFormed.")
  private List<Condition> conditions;

  public String getPhase() {
    return phase;
  }

  public void setPhase(String phase) {
    this.phase = phase;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public String getSelector() {
    return selector;
  }

  public void setSelector(String selector) {
    this.selector = selector;
  }

  public String getCurrentVersion() {
    return currentVersion;
  }

  public void setCurrentVersion(String currentVersion) {
    this.currentVersion = currentVersion;
  }

  public String getTargetVersion() {
    return targetVersion;
  }

  public void setTargetVersion(String targetVersion) {
    this.targetVersion = targetVersion;
  }

  public String getClusterState() {
    return clusterState;
  }

  public void setClusterState(String clusterState) {
    this.clusterState = clusterState;
  }

  public String getReplicationState() {
    return replicationState;
  }

  public void setReplicationState(String replicationState) {
    this.replicationState = replicationState;
  }

  public List<MemberStatus> getMembers() {
    return members;
  }

  public void setMembers(List<MemberStatus> members) {
    this.members = members;
  }

  public Integer getFailoverCount() {
    return failoverCount;
  }

  public void setFailoverCount(Integer failoverCount) {
    this.failoverCount = failoverCount;
  }

  public String getConfigHash() {
    return configHash;
  }

  public void setConfigHash(String configHash) {
    this.configHash = configHash;
  }

  public String getCertificateHash() {
    return certificateHash;
  }

  public void setCertificateHash(String certificateHash) {
    this.certificateHash = certificateHash;
  }

  public String getHeldBy() {
    return heldBy;
  }

  public void setHeldBy(String heldBy) {
    this.heldBy = heldBy;
  }

  public RollingUpgradeStatus getRollingUpgrade() {
    return rollingUpgrade;
  }

  public void setRollingUpgrade(RollingUpgradeStatus rollingUpgrade) {
    this.rollingUpgrade = rollingUpgrade;
  }

  public StorageStatus getStorage() {
    return storage;
  }

  public void setStorage(StorageStatus storage) {
    this.storage = storage;
  }

  public List<MemberSeedStatus> getSeeding() {
    return seeding;
  }

  public void setSeeding(List<MemberSeedStatus> seeding) {
    this.seeding = seeding;
  }

  public ScaleDownStatus getScaleDown() {
    return scaleDown;
  }

  public void setScaleDown(ScaleDownStatus scaleDown) {
    this.scaleDown = scaleDown;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }

}
