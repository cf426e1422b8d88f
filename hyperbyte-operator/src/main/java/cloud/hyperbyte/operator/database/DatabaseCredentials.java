package cloud.hyperbyte.operator.database;

import cloud.hyperbyte.reconcile.port.AdminCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/** The admin user the operator authenticates with when the cluster has auth enabled (contract §6.2). */
public record DatabaseCredentials(String username, String password) {

  public DatabaseCredentials {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
  }

  /** The same user and password as the reconcile layer's {@link AdminCredentials}. */
  public static DatabaseCredentials of(AdminCredentials admin) {
    return new DatabaseCredentials(admin.username(), admin.password());
  }

  /** The {@code Authorization} header value. */
  String basicAuthorization() {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "DatabaseCredentials[username=" + username + ", password=***]";
  }
}
