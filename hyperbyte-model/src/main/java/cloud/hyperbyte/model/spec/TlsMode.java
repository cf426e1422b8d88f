package cloud.hyperbyte.model.spec;

/** Where the members' server certificate comes from. */
public enum TlsMode {
  /** Plain HTTP. */
  DISABLED,
  /** The operator's own CA issues one certificate per member into Secret {@code <name>-tls}. */
  OPERATOR_CA,
  /** A user-supplied {@code kubernetes.io/tls} Secret, validated by the operator. */
  USER_SECRET,
  /** cert-manager issues Secret {@code <name>-tls} from a Certificate the operator renders. */
  CERT_MANAGER
}
