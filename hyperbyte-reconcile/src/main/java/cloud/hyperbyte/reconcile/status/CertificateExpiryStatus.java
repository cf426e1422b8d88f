package cloud.hyperbyte.reconcile.status;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterStatus;
import cloud.hyperbyte.model.v1alpha1.MemberStatus;
import cloud.hyperbyte.reconcile.port.ClusterEvent;
import cloud.hyperbyte.reconcile.tls.CertificateExpiry;
import cloud.hyperbyte.reconcile.tls.MemberCertificate;
import cloud.hyperbyte.reconcile.tls.RenewalBlocked;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Certificate expiry in status: {@code members[].certificateNotAfter}, and with TLS on the condition
 * {@code CertificatesRenewable} — False, with the reason of the first blocked member and what to do
 * for each, while a certificate inside its renewal window cannot be renewed.
 */
public final class CertificateExpiryStatus {

  public static final String TYPE = "CertificatesRenewable";
  public static final String ON_TRACK = "RenewalOnTrack";

  private CertificateExpiryStatus() {}

  /**
   * Puts the expiry into {@code status}, whose members and other conditions are already derived.
   *
   * @param tlsOn whether the spec asks for TLS (the condition is there only then)
   * @param previous the conditions last written, for lastTransitionTime
   */
  public static void apply(HyperbytedbClusterStatus status, CertificateExpiry expiry, boolean tlsOn,
      List<Condition> previous, long generation, Instant now) {
    if (status.getMembers() != null) {
      for (MemberStatus member : status.getMembers()) {
        expiry.members().stream().filter(c -> c.podName().equals(member.getName())).findFirst()
            .map(MemberCertificate::notAfter).map(Instant::toString).ifPresent(member::setCertificateNotAfter);
      }
    }
    if (!tlsOn) {
      return;
    }
    List<RenewalBlocked> blocked = expiry.blocked();
    Condition condition = blocked.isEmpty()
        ? ClusterConditions.condition(previous, TYPE, true, ON_TRACK,
            "every certificate is renewed before it expires", generation, now)
        : ClusterConditions.condition(previous, TYPE, false, blocked.get(0).reason(),
            blocked.stream().map(b -> b.podName() + ": " + b.message()).collect(Collectors.joining("; ")),
            generation, now);
    ClusterConditions.put(status, condition);
  }

  /**
   * The Warning event to record when the condition written now turned False or changed its reason;
   * nothing while it stays as it was, so a blocked renewal is announced once, not every pass.
   */
  public static Optional<ClusterEvent> transition(HyperbytedbClusterStatus last, HyperbytedbClusterStatus written) {
    Optional<Condition> before = find(last);
    Optional<Condition> now = find(written);
    if (now.isEmpty() || !"False".equals(now.get().getStatus())) {
      return Optional.empty();
    }
    boolean same = before.filter(c -> "False".equals(c.getStatus()) && now.get().getReason().equals(c.getReason()))
        .isPresent();
    return same ? Optional.empty()
        : Optional.of(ClusterEvent.warning(now.get().getReason(), now.get().getMessage(), null));
  }

  private static Optional<Condition> find(HyperbytedbClusterStatus status) {
    return ClusterConditions.of(status).stream().filter(c -> TYPE.equals(c.getType())).findFirst();
  }
}
