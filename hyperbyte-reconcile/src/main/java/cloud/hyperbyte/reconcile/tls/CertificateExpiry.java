package cloud.hyperbyte.reconcile.tls;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one pass knows about the expiry of the certificates members serve.
 *
 * @param members the certificate of each member whose expiry is known, by ordinal
 * @param blocked members inside their renewal window that nothing will renew
 * @param nextCheck when the outcome may change by the clock alone (a renewal window opening)
 */
public record CertificateExpiry(List<MemberCertificate> members, List<RenewalBlocked> blocked, Optional<Instant> nextCheck) {

  public CertificateExpiry {
    members = List.copyOf(members);
    blocked = List.copyOf(blocked);
  }

  /** TLS is off, or no member runs TLS material yet. */
  public static CertificateExpiry none() {
    return new CertificateExpiry(List.of(), List.of(), Optional.empty());
  }
}
