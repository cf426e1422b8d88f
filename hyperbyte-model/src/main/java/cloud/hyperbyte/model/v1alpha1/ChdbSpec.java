package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** chDB engine settings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class ChdbSpec {

  @JsonPropertyDescription("Legacy: size of both pools when the split sizes are unset.")
  @Min(1)
  @Max(128)
  private Integer poolSize;

  @JsonPropertyDescription("Query session pool size.")
  @Min(1)
  @Max(128)
  private Integer queryPoolSize;

  @JsonPropertyDescription("Write session pool size.")
  @Min(1)
  @Max(128)
  private Integer writePoolSize;

  @JsonPropertyDescription("chDB data directory; must lie inside the member volume under /var/lib/hyperbytedb/.")
  @Pattern("^/var/lib/hyperbytedb/.+")
  private String sessionDataPath;

  public Integer getPoolSize() {
    return poolSize;
  }

  public void setPoolSize(Integer poolSize) {
    this.poolSize = poolSize;
  }

  public Integer getQueryPoolSize() {
    return queryPoolSize;
  }

  public void setQueryPoolSize(Integer queryPoolSize) {
    this.queryPoolSize = queryPoolSize;
  }

  public Integer getWritePoolSize() {
    return writePoolSize;
  }

  public void setWritePoolSize(Integer writePoolSize) {
    this.writePoolSize = writePoolSize;
  }

  public String getSessionDataPath() {
    return sessionDataPath;
  }

  public void setSessionDataPath(String sessionDataPath) {
    this.sessionDataPath = sessionDataPath;
  }

}
