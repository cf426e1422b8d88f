package cloud.hyperbyte.tls.usersecret;

/** Stable codes for problems in a user-supplied TLS Secret (used as condition reasons). */
public enum FindingCode {
  WRONG_TYPE(Severity.ERROR),
  MISSING_KEY(Severity.ERROR),
  UNPARSEABLE(Severity.ERROR),
  EXPIRED(Severity.ERROR),
  NOT_YET_VALID(Severity.ERROR),
  KEY_MISMATCH(Severity.ERROR),
  NAMES_NOT_COVERED(Severity.ERROR),
  UNTRUSTED_CHAIN(Severity.ERROR),
  /** Still usable; the owner should renew it soon. */
  EXPIRES_SOON(Severity.WARNING);

  /** Whether the Secret can be used despite the finding. */
  public enum Severity {
    /** The server would fail to start or clients would reject it. */
    ERROR,
    /** Usable now, but needs attention. */
    WARNING
  }

  private final Severity severity;

  FindingCode(Severity severity) {
    this.severity = severity;
  }

  public Severity severity() {
    return severity;
  }
}
