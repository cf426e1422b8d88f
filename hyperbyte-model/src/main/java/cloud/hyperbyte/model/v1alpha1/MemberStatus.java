package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Observed state of one member. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class MemberStatus {

  @JsonPropertyDescription("Member name.")
  private String name;

  @JsonPropertyDescription("Database node id (ordinal + 1).")
  private Integer nodeId;

  @JsonPropertyDescription("Pod name.")
  private String podName;

  @JsonPropertyDescription("UID of the member's pod when the status was written. unhealthySince refers to this pod:"
      + " a replacement pod (another UID) starts its own failover timeout.")
  private String podUid;

  @JsonPropertyDescription("Database node state (active, syncing, draining, leaving ...) or Unreachable.")
  private String state;

  @JsonPropertyDescription("Whether /health answers 200.")
  private Boolean health;

  @JsonPropertyDescription("Leader, Follower, Learner or Candidate.")
  private String raftRole;

  @JsonPropertyDescription("Whether the leader counts the member as a Raft voter.")
  private Boolean voter;

  @JsonPropertyDescription("Last WAL sequence.")
  private Long walSequence;

  @JsonPropertyDescription("Peers the member knows.")
  private Integer peerCount;

  @JsonPropertyDescription("Pod template revision the member runs.")
  private String revision;

  @JsonPropertyDescription("When the member became unhealthy (RFC 3339).")
  private String unhealthySince;

  @JsonPropertyDescription("When the TLS certificate the member serves expires (RFC 3339); only with server.tls.")
  private String certificateNotAfter;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Integer getNodeId() {
    return nodeId;
  }

  public void setNodeId(Integer nodeId) {
    this.nodeId = nodeId;
  }

  public String getPodName() {
    return podName;
  }

  public void setPodName(String podName) {
    this.podName = podName;
  }

  public String getPodUid() {
    return podUid;
  }

  public void setPodUid(String podUid) {
    this.podUid = podUid;
  }

  public String getState() {
    return state;
  }

  public void setState(String state) {
    this.state = state;
  }

  public Boolean getHealth() {
    return health;
  }

  public void setHealth(Boolean health) {
    this.health = health;
  }

  public String getRaftRole() {
    return raftRole;
  }

  public void setRaftRole(String raftRole) {
    this.raftRole = raftRole;
  }

  public Boolean getVoter() {
    return voter;
  }

  public void setVoter(Boolean voter) {
    this.voter = voter;
  }

  public Long getWalSequence() {
    return walSequence;
  }

  public void setWalSequence(Long walSequence) {
    this.walSequence = walSequence;
  }

  public Integer getPeerCount() {
    return peerCount;
  }

  public void setPeerCount(Integer peerCount) {
    this.peerCount = peerCount;
  }

  public String getRevision() {
    return revision;
  }

  public void setRevision(String revision) {
    this.revision = revision;
  }

  public String getUnhealthySince() {
    return unhealthySince;
  }

  public void setUnhealthySince(String unhealthySince) {
    this.unhealthySince = unhealthySince;
  }

  public String getCertificateNotAfter() {
    return certificateNotAfter;
  }

  public void setCertificateNotAfter(String certificateNotAfter) {
    this.certificateNotAfter = certificateNotAfter;
  }
}
