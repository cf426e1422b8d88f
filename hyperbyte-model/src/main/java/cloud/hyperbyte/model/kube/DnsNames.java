package cloud.hyperbyte.model.kube;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes' DNS name rules ({@code k8s.io/apimachinery/pkg/util/validation}: IsDNS1123Label,
 * IsDNS1123Subdomain) for values that end up in names, DNS addresses and the members' start script.
 * Each check answers with what is wrong, in words a person can act on, or empty when the value is fine.
 */
public final class DnsNames {

  /** {@code DNS1123LabelMaxLength}. */
  public static final int LABEL_MAX_LENGTH = 63;
  /** {@code DNS1123SubdomainMaxLength}. */
  public static final int SUBDOMAIN_MAX_LENGTH = 253;

  private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern DNS_1123_LABEL = Pattern.compile("^" + LABEL + "$");
  private static final Pattern DNS_1123_SUBDOMAIN = Pattern.compile("^" + LABEL + "(\\." + LABEL + ")*$");

  private DnsNames() {}

  /** Why {@code value} is not a DNS-1123 label (a namespace, for example), or empty. */
  public static Optional<String> label(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (value.length() > LABEL_MAX_LENGTH) {
      return Optional.of("must be no more than " + LABEL_MAX_LENGTH + " characters");
    }
    if (!DNS_1123_LABEL.matcher(value).matches()) {
      return Optional.of("\"" + value + "\" must be a DNS label: lowercase letters, digits and '-', starting and"
          + " ending with a letter or digit");
    }
    return Optional.empty();
  }

  /** Why {@code value} is not a DNS-1123 subdomain (a cluster domain such as {@code cluster.local}), or empty. */
  public static Optional<String> subdomain(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.of("must not be empty");
    }
    if (value.length() > SUBDOMAIN_MAX_LENGTH) {
      return Optional.of("must be no more than " + SUBDOMAIN_MAX_LENGTH + " characters");
    }
    if (!DNS_1123_SUBDOMAIN.matcher(value).matches()) {
      return Optional.of("\"" + value + "\" must be a DNS subdomain: dot-separated labels of lowercase letters,"
          + " digits and '-', each starting and ending with a letter or digit");
    }
    return Optional.empty();
  }
}
