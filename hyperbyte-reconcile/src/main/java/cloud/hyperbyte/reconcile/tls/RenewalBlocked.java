package cloud.hyperbyte.reconcile.tls;

import java.util.Objects;

/**
 * A member whose certificate is inside its renewal window while nothing will renew it.
 *
 * @param reason CamelCase: {@link #PAUSED}, {@link #CERT_MANAGER_NOT_RENEWING} or {@link #USER_SECRET_EXPIRING}
 * @param podName the member's pod
 * @param message what is blocked and what to do, for a person
 */
public record RenewalBlocked(String reason, String podName, String message) {

  /** Renewed material waits in the Secret, but a paused cluster does not restart the member to load it. */
  public static final String PAUSED = "CertificateRenewalPaused";
  /** cert-manager has not renewed the certificate it should have renewed by now. */
  public static final String CERT_MANAGER_NOT_RENEWING = "CertManagerNotRenewing";
  /** A user Secret's certificate is in its renewal window; only its owner can renew it. */
  public static final String USER_SECRET_EXPIRING = "UserCertificateExpiring";

  public RenewalBlocked {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(podName, "podName");
    Objects.requireNonNull(message, "message");
  }
}
