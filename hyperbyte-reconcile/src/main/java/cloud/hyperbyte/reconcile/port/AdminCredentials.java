package cloud.hyperbyte.reconcile.port;

import java.util.Objects;

/**
 * The admin user the operator creates and authenticates as when auth is on (contract §6.2). The
 * password never appears in {@link #toString()}, so it cannot reach a log line, an event or status.
 */
public record AdminCredentials(String username, String password) {

  public AdminCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "AdminCredentials[username=" + username + ", password=***]";
  }
}
