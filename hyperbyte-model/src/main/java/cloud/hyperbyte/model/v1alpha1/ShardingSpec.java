package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;

/**
 * The Go operator's experimental {@code sharding} block, with its field names and minimums. Server
 * 0.8.5 has no sharding and refuses a {@code [sharding]} section at start-up, so the block is never
 * rendered: {@code enabled: true} is refused by the spec factory, and the other fields are accepted
 * and reported as having no effect (so Go manifests that carry the block switched off keep applying).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ShardingSpec {

  @JsonPropertyDescription("Turn sharding on. HyperbyteDB 0.8.5 has no sharding (its config has no [sharding] section), so true is refused; the block is accepted switched off so Go operator manifests keep applying.")
  @Default("false")
  private Boolean enabled;

  @JsonPropertyDescription("Copies of each region (Go operator field; no effect on server 0.8.5).")
  @Min(1)
  private Integer replicationFactor;

  @JsonPropertyDescription("Series count at which a region splits (no effect on server 0.8.5).")
  @Min(1)
  private Long regionSplitSeries;

  @JsonPropertyDescription("Hard series cap per region (no effect on server 0.8.5).")
  @Min(1)
  private Long regionMaxSeries;

  @JsonPropertyDescription("Series count below which regions merge (no effect on server 0.8.5).")
  @Min(1)
  private Long regionMergeSeries;

  @JsonPropertyDescription("Split and merge check period (no effect on server 0.8.5).")
  @Min(0)
  private Long splitMergeIntervalSecs;

  @JsonPropertyDescription("Concurrent region moves (no effect on server 0.8.5).")
  @Min(1)
  private Integer scheduleLimit;

  @JsonPropertyDescription("Region heartbeat period (no effect on server 0.8.5).")
  @Min(1)
  private Long heartbeatIntervalSecs;

  @JsonPropertyDescription("Sharding bootstrap timeout (no effect on server 0.8.5).")
  @Min(1)
  private Long bootstrapTimeoutMs;

  @JsonPropertyDescription("Region primary failover delay (no effect on server 0.8.5).")
  @Min(1)
  private Long primaryFailoverAfterSecs;

  @JsonPropertyDescription("Scatter-gather peer timeout (no effect on server 0.8.5).")
  @Min(1)
  private Long scatterPeerTimeoutMs;

  @JsonPropertyDescription("Scatter-gather attempts per peer (no effect on server 0.8.5).")
  @Min(1)
  private Integer scatterMaxPeerAttempts;

  @JsonPropertyDescription("Queries per second that split a region (no effect on server 0.8.5).")
  @Min(0)
  private Long loadSplitQpsThreshold;

  @JsonPropertyDescription("Region cap per measurement (no effect on server 0.8.5).")
  @Min(1)
  private Integer maxRegionsPerMeasurement;

  public Boolean getEnabled() {
    return enabled;
  }

  public void setEnabled(Boolean enabled) {
    this.enabled = enabled;
  }

  public Integer getReplicationFactor() {
    return replicationFactor;
  }

  public void setReplicationFactor(Integer replicationFactor) {
    this.replicationFactor = replicationFactor;
  }

  public Long getRegionSplitSeries() {
    return regionSplitSeries;
  }

  public void setRegionSplitSeries(Long regionSplitSeries) {
    this.regionSplitSeries = regionSplitSeries;
  }

  public Long getRegionMaxSeries() {
    return regionMaxSeries;
  }

  public void setRegionMaxSeries(Long regionMaxSeries) {
    this.regionMaxSeries = regionMaxSeries;
  }

  public Long getRegionMergeSeries() {
    return regionMergeSeries;
  }

  public void setRegionMergeSeries(Long regionMergeSeries) {
    this.regionMergeSeries = regionMergeSeries;
  }

  public Long getSplitMergeIntervalSecs() {
    return splitMergeIntervalSecs;
  }

  public void setSplitMergeIntervalSecs(Long splitMergeIntervalSecs) {
    this.splitMergeIntervalSecs = splitMergeIntervalSecs;
  }

  public Integer getScheduleLimit() {
    return scheduleLimit;
  }

  public void setScheduleLimit(Integer scheduleLimit) {
    this.scheduleLimit = scheduleLimit;
  }

  public Long getHeartbeatIntervalSecs() {
    return heartbeatIntervalSecs;
  }

  public void setHeartbeatIntervalSecs(Long heartbeatIntervalSecs) {
    this.heartbeatIntervalSecs = heartbeatIntervalSecs;
  }

  public Long getBootstrapTimeoutMs() {
    return bootstrapTimeoutMs;
  }

  public void setBootstrapTimeoutMs(Long bootstrapTimeoutMs) {
    this.bootstrapTimeoutMs = bootstrapTimeoutMs;
  }

  public Long getPrimaryFailoverAfterSecs() {
    return primaryFailoverAfterSecs;
  }

  public void setPrimaryFailoverAfterSecs(Long primaryFailoverAfterSecs) {
    this.primaryFailoverAfterSecs = primaryFailoverAfterSecs;
  }

  public Long getScatterPeerTimeoutMs() {
    return scatterPeerTimeoutMs;
  }

  public void setScatterPeerTimeoutMs(Long scatterPeerTimeoutMs) {
    this.scatterPeerTimeoutMs = scatterPeerTimeoutMs;
  }

  public Integer getScatterMaxPeerAttempts() {
    return scatterMaxPeerAttempts;
  }

  public void setScatterMaxPeerAttempts(Integer scatterMaxPeerAttempts) {
    this.scatterMaxPeerAttempts = scatterMaxPeerAttempts;
  }

  public Long getLoadSplitQpsThreshold() {
    return loadSplitQpsThreshold;
  }

  public void setLoadSplitQpsThreshold(Long loadSplitQpsThreshold) {
    this.loadSplitQpsThreshold = loadSplitQpsThreshold;
  }

  public Integer getMaxRegionsPerMeasurement() {
    return maxRegionsPerMeasurement;
  }

  public void setMaxRegionsPerMeasurement(Integer maxRegionsPerMeasurement) {
    this.maxRegionsPerMeasurement = maxRegionsPerMeasurement;
  }

}
