package cloud.hyperbyte.reconcile.tls;

/** Whether members can start with the TLS material the spec asks for. */
public enum TlsState {
  /** TLS is off. */
  DISABLED,
  /** The Secret members mount is present and usable. */
  READY,
  /** The Secret is not there yet (cert-manager has not issued, or a user Secret is missing). */
  WAITING,
  /** The Secret is there but cannot be used as it is (user Secret findings). */
  INVALID
}
