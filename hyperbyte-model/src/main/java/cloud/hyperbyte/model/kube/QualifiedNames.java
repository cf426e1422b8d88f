package cloud.hyperbyte.model.kube;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Label keys, annotation keys, taint and topology keys: {@code IsQualifiedName} — an optional DNS
 * subdomain prefix and {@code /}, then a name of at most 63 alphanumerics, {@code -}, {@code _},
 * {@code .}, starting and ending alphanumeric.
 */
public final class QualifiedNames {

  /** {@code qualifiedNameMaxLength}. */
  public static final int NAME_MAX_LENGTH = 63;

  private static final Pattern NAME = Pattern.compile("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$");

  private QualifiedNames() {}

  /** Why {@code key} is not a qualified name, or empty. */
  public static Optional<String> check(String key) {
    if (key == null || key.isEmpty()) {
      return Optional.of("must not be empty");
    }
    String[] parts = key.split("/", -1);
    String name;
    if (parts.length == 1) {
      name = parts[0];
    } else if (parts.length == 2) {
      if (parts[0].isEmpty()) {
        return Optional.of("\"" + key + "\": the prefix before '/' must not be empty");
      }
      Optional<String> prefix = DnsNames.subdomain(parts[0]);
      if (prefix.isPresent()) {
        return Optional.of("\"" + key + "\": the prefix before '/' " + prefix.get());
      }
      name = parts[1];
    } else {
      return Optional.of("\"" + key + "\" may contain at most one '/' (prefix/name)");
    }
    if (name.isEmpty()) {
      return Optional.of("\"" + key + "\": the name part must not be empty");
    }
    if (name.length() > NAME_MAX_LENGTH) {
      return Optional.of("\"" + key + "\": the name part must be no more than " + NAME_MAX_LENGTH + " characters");
    }
    if (!NAME.matcher(name).matches()) {
      return Optional.of("\"" + key + "\": the name part must consist of alphanumerics, '-', '_' or '.', starting"
          + " and ending with an alphanumeric (e.g. 'team' or 'example.com/team')");
    }
    return Optional.empty();
  }

  /** Why {@code value} is not a valid label value ({@code IsValidLabelValue}; empty is fine), or empty. */
  public static Optional<String> labelValue(String value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    if (value.length() > NAME_MAX_LENGTH) {
      return Optional.of("must be no more than " + NAME_MAX_LENGTH + " characters (has " + value.length() + ")");
    }
    if (!NAME.matcher(value).matches()) {
      return Optional.of("\"" + value + "\" must be empty or consist of alphanumerics, '-', '_' or '.', starting"
          + " and ending with an alphanumeric");
    }
    return Optional.empty();
  }
}
