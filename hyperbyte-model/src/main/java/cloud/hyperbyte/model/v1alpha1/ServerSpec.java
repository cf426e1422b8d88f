package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** HTTP server settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ServerSpec {

  @JsonPropertyDescription("The single port for API, metrics and cluster traffic.")
  @Default("8086")
  @Min(1)
  @Max(65535)
  private Integer port;

  @JsonPropertyDescription("Request body cap in bytes; 0 means the default, 26214400 (as in the Go operator).")
  @Default("26214400")
  @Min(0)
  private Long maxBodySizeBytes;

  @JsonPropertyDescription("Timeout of every route (408 on timeout); 0 means the default, 30 (as in the Go operator).")
  @Default("30")
  @Min(0)
  private Integer requestTimeoutSecs;

  @JsonPropertyDescription("Query timeout; 0 means the default, 30 (as in the Go operator).")
  @Default("30")
  @Min(0)
  private Integer queryTimeoutSecs;

  @JsonPropertyDescription("0 means unlimited.")
  @Default("0")
  @Min(0)
  private Integer maxConcurrentQueries;

  @JsonPropertyDescription("HTTPS on the node port.")
  private TlsSpec tls;

  public Integer getPort() {
    return port;
  }

  public void setPort(Integer port) {
    this.port = port;
  }

  public Long getMaxBodySizeBytes() {
    return maxBodySizeBytes;
  }

  public void setMaxBodySizeBytes(Long maxBodySizeBytes) {
    this.maxBodySizeBytes = maxBodySizeBytes;
  }

  public Integer getRequestTimeoutSecs() {
    return requestTimeoutSecs;
  }

  public void setRequestTimeoutSecs(Integer requestTimeoutSecs) {
    this.requestTimeoutSecs = requestTimeoutSecs;
  }

  public Integer getQueryTimeoutSecs() {
    return queryTimeoutSecs;
  }

  public void setQueryTimeoutSecs(Integer queryTimeoutSecs) {
    this.queryTimeoutSecs = queryTimeoutSecs;
  }

  public Integer getMaxConcurrentQueries() {
    return maxConcurrentQueries;
  }

  public void setMaxConcurrentQueries(Integer maxConcurrentQueries) {
    this.maxConcurrentQueries = maxConcurrentQueries;
  }

  public TlsSpec getTls() {
    return tls;
  }

  public void setTls(TlsSpec tls) {
    this.tls = tls;
  }

}
