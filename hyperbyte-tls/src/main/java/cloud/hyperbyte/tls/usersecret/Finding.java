package cloud.hyperbyte.tls.usersecret;

import java.util.Objects;

/** One problem found in a user-supplied TLS Secret, with a message a person can act on. */
public record Finding(FindingCode code, String message) {

  public Finding {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
  }

  /** Whether the Secret must not be used because of this finding. */
  public boolean blocking() {
    return code.severity() == FindingCode.Severity.ERROR;
  }
}
