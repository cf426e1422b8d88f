package cloud.hyperbyte.reconcile.tls;

import java.time.Instant;
import java.util.Objects;

/**
 * The certificate one member serves.
 *
 * @param ordinal the member's ordinal
 * @param podName its pod
 * @param notAfter when the certificate expires
 */
public record MemberCertificate(int ordinal, String podName, Instant notAfter) {

  public MemberCertificate {
    Objects.requireNonNull(podName, "podName");
    Objects.requireNonNull(notAfter, "notAfter");
  }
}
