package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One new member's seeding: its volume gets a fresh backup of a healthy member before its first start. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class MemberSeedStatus {

  @JsonPropertyDescription("Pod name of the member being seeded.")
  private String member;

  @JsonPropertyDescription("Preparing, Transferring, Seeded or Blocked.")
  private String stage;

  @JsonPropertyDescription("Attempt, from 1.")
  private Integer attempt;

  @JsonPropertyDescription("Pod of the member the backup comes from.")
  private String source;

  @JsonPropertyDescription("What is going on, or why it cannot go on.")
  private String message;

  public String getMember() {
    return member;
  }

  public void setMember(String member) {
    this.member = member;
  }

  public String getStage() {
    return stage;
  }

  public void setStage(String stage) {
    this.stage = stage;
  }

  public Integer getAttempt() {
    return attempt;
  }

  public void setAttempt(Integer attempt) {
    this.attempt = attempt;
  }

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}
