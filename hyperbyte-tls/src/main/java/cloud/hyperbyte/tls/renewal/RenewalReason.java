package cloud.hyperbyte.tls.renewal;

/** Why a certificate must be renewed, or {@link #VALID} when it need not be. */
public enum RenewalReason {
  /** Valid, issued by the current CA, with the desired names, outside its renewal window. */
  VALID,
  /** Certificate or key is absent. */
  MISSING,
  /** Certificate or key cannot be parsed. */
  UNPARSEABLE,
  /** The key does not belong to the certificate. */
  KEY_MISMATCH,
  /** The certificate was not signed by the current CA (the CA was replaced). */
  CA_CHANGED,
  /** The certificate's DNS names differ from the desired ones (e.g. after a scale-up). */
  NAMES_CHANGED,
  /** The certificate is past its notAfter. */
  EXPIRED,
  /** The certificate is still valid but inside its renewal window. */
  RENEWAL_WINDOW;

  /** Whether this reason calls for new material. */
  public boolean requiresRenewal() {
    return this != VALID;
  }
}
