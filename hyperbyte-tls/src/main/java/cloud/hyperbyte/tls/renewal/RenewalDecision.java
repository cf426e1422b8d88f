package cloud.hyperbyte.tls.renewal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether to renew now, why, and (for a certificate that was read) when its renewal window starts,
 * which the caller can use to schedule the next check.
 */
public record RenewalDecision(RenewalReason reason, String message, Optional<Instant> renewalStart) {

  public RenewalDecision {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(renewalStart, "renewalStart");
  }

  /** Whether new material must be issued now. */
  public boolean renew() {
    return reason.requiresRenewal();
  }
}
