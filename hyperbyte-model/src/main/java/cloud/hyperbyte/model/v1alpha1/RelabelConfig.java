package cloud.hyperbyte.model.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Objects;

/**
 * One Prometheus relabeling rule, spelled as the Prometheus Operator's {@code RelabelConfig} so it
 * is copied into the ServiceMonitor unchanged.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class RelabelConfig {

  /** Every action the Prometheus Operator accepts, in both of its spellings. */
  public static final String ACTIONS = "replace|Replace|keep|Keep|drop|Drop|hashmod|HashMod|labelmap|LabelMap"
      + "|labeldrop|LabelDrop|labelkeep|LabelKeep|lowercase|Lowercase|uppercase|Uppercase|keepequal|KeepEqual"
      + "|dropequal|DropEqual";

  @JsonPropertyDescription("Labels whose values are joined with the separator and matched against regex.")
  @Size(max = 16)
  private List<String> sourceLabels;

  @JsonPropertyDescription("String between the joined source label values (Prometheus default \";\").")
  @Size(max = 16)
  private String separator;

  @JsonPropertyDescription("Label the result is written to; required by replace, hashmod, lowercase, uppercase,"
      + " keepequal and dropequal.")
  @Size(max = 256)
  private String targetLabel;

  @JsonPropertyDescription("RE2 regular expression the joined value is matched against (Prometheus default \"(.*)\").")
  @Size(max = 1024)
  private String regex;

  @JsonPropertyDescription("Modulus of the hash of the source label values (hashmod only).")
  @Min(0)
  private Long modulus;

  @JsonPropertyDescription("Replacement for the replace action; regex capture groups are available (default \"$1\").")
  @Size(max = 1024)
  private String replacement;

  @JsonPropertyDescription("What to do on a match: replace (default), keep, drop, hashmod, labelmap, labeldrop,"
      + " labelkeep, lowercase, uppercase, keepequal or dropequal (either spelling, e.g. HashMod).")
  @Pattern("^(" + ACTIONS + ")$")
  private String action;

  public List<String> getSourceLabels() {
    return sourceLabels;
  }

  public void setSourceLabels(List<String> sourceLabels) {
    this.sourceLabels = sourceLabels;
  }

  public String getSeparator() {
    return separator;
  }

  public void setSeparator(String separator) {
    this.separator = separator;
  }

  public String getTargetLabel() {
    return targetLabel;
  }

  public void setTargetLabel(String targetLabel) {
    this.targetLabel = targetLabel;
  }

  public String getRegex() {
    return regex;
  }

  public void setRegex(String regex) {
    this.regex = regex;
  }

  public Long getModulus() {
    return modulus;
  }

  public void setModulus(Long modulus) {
    this.modulus = modulus;
  }

  public String getReplacement() {
    return replacement;
  }

  public void setReplacement(String replacement) {
    this.replacement = replacement;
  }

  public String getAction() {
    return action;
  }

  public void setAction(String action) {
    this.action = action;
  }

  // value semantics, like the fabric8 model types a ClusterSpec holds, so equal specs compare equal
  @Override
  public boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    if (!(other instanceof RelabelConfig that)) {
      return false;
    }
    return Objects.equals(sourceLabels, that.sourceLabels) && Objects.equals(separator, that.separator)
        && Objects.equals(targetLabel, that.targetLabel) && Objects.equals(regex, that.regex)
        && Objects.equals(modulus, that.modulus) && Objects.equals(replacement, that.replacement)
        && Objects.equals(action, that.action);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sourceLabels, separator, targetLabel, regex, modulus, replacement, action);
  }
}
