package cloud.hyperbyte.tls.usersecret;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether certificate DNS names cover a host name, as TLS clients match them (RFC 6125): exact,
 * case-insensitive, and a wildcard {@code *.x} covers exactly one extra leftmost label.
 */
public final class DnsNameCoverage {

  private DnsNameCoverage() {}

  /** Whether any of {@code certificateNames} covers {@code host}. */
  public static boolean covers(Collection<String> certificateNames, String host) {
    String wanted = normalize(host);
    return certificateNames.stream().map(DnsNameCoverage::normalize).anyMatch(n -> matches(n, wanted));
  }

  /** The {@code hosts} not covered, in their given order. */
  public static List<String> uncovered(Collection<String> certificateNames, Collection<String> hosts) {
    return hosts.stream().filter(host -> !covers(certificateNames, host)).toList();
  }

  private static boolean matches(String pattern, String host) {
    if (!pattern.startsWith("*.")) {
      return pattern.equals(host);
    }
    int firstDot = host.indexOf('.');
    return firstDot > 0 && host.substring(firstDot).equals(pattern.substring(1));
  }

  private static String normalize(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
