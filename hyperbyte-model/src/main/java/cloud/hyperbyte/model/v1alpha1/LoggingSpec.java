package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** Server logging. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class LoggingSpec {

  @JsonPropertyDescription("Log level.")
  @Default("info")
  private LogLevel level;

  @JsonPropertyDescription("Log format.")
  @Default("text")
  private LogFormat format;

  public LogLevel getLevel() {
    return level;
  }

  public void setLevel(LogLevel level) {
    this.level = level;
  }

  public LogFormat getFormat() {
    return format;
  }

  public void setFormat(LogFormat format) {
    this.format = format;
  }

}
