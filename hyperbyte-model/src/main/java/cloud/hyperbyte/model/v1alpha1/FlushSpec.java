package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** WAL to chDB flush settings. */
@ValidationRule(value = "!has(self.maxPointsPerBatch) || self.maxPointsPerBatch == 0 || self.maxPointsPerBatch >= 10000", message = "maxPointsPerBatch must be 0 (the default, 50000) or 10000 to 500000: the server clamps smaller batches to 10000", fieldPath = ".maxPointsPerBatch")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class FlushSpec {

  @JsonPropertyDescription("Flush cadence in seconds; 0 means the default, 10 (as in the Go operator).")
  @Default("10")
  @Min(0)
  private Integer intervalSecs;

  @JsonPropertyDescription("Points per flush batch, 10000 to 500000; 0 means the default, 50000 (as in the Go operator).")
  @Default("50000")
  @Min(0)
  @Max(500000)
  private Integer maxPointsPerBatch;

  @JsonPropertyDescription("WAL group-commit size; 0 disables group commit.")
  @Default("64")
  @Min(0)
  private Integer walBatchSize;

  @JsonPropertyDescription("WAL group-commit delay in microseconds.")
  @Default("200")
  @Min(0)
  private Long walBatchDelayUs;

  @JsonProperty("arrowWALEnabled")
  @JsonPropertyDescription("Arrow IPC WAL segments (server key arrow_wal_enabled).")
  @Default("true")
  private Boolean arrowWalEnabled;

  @JsonPropertyDescription("Go operator field for a key server 0.8.5 removed (wal_size_threshold_mb, fatal at start-up): accepted, never rendered, has no effect.")
  @Min(0)
  private Integer walSizeThresholdMb;

  @JsonPropertyDescription("Go operator field for a key server 0.8.5 removed (time_bucket_duration, fatal at start-up): accepted, never rendered, has no effect.")
  @Size(max = 32)
  private String timeBucketDuration;

  public Boolean getArrowWalEnabled() {
    return arrowWalEnabled;
  }

  public void setArrowWalEnabled(Boolean arrowWalEnabled) {
    this.arrowWalEnabled = arrowWalEnabled;
  }

  public Integer getWalSizeThresholdMb() {
    return walSizeThresholdMb;
  }

  public void setWalSizeThresholdMb(Integer walSizeThresholdMb) {
    this.walSizeThresholdMb = walSizeThresholdMb;
  }

  public String getTimeBucketDuration() {
    return timeBucketDuration;
  }

  public void setTimeBucketDuration(String timeBucketDuration) {
    this.timeBucketDuration = timeBucketDuration;
  }

  public Integer getIntervalSecs() {
    return intervalSecs;
  }

  public void setIntervalSecs(Integer intervalSecs) {
    this.intervalSecs = intervalSecs;
  }

  public Integer getMaxPointsPerBatch() {
    return maxPointsPerBatch;
  }

  public void setMaxPointsPerBatch(Integer maxPointsPerBatch) {
    this.maxPointsPerBatch = maxPointsPerBatch;
  }

  public Integer getWalBatchSize() {
    return walBatchSize;
  }

  public void setWalBatchSize(Integer walBatchSize) {
    this.walBatchSize = walBatchSize;
  }

  public Long getWalBatchDelayUs() {
    return walBatchDelayUs;
  }

  public void setWalBatchDelayUs(Long walBatchDelayUs) {
    this.walBatchDelayUs = walBatchDelayUs;
  }

}
