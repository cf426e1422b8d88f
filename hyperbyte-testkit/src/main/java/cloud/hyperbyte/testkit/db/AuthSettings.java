package cloud.hyperbyte.testkit.db;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * {@code [auth] enabled} and the users the nodes know (contract §3, §6.2). With auth on, every
 * {@code /cluster/*} and {@code /internal/*} route needs an admin, {@code /write} any user; peers send
 * no credentials, so peer RPCs (Raft, leave notifications, replication) fail as on the real server.
 *
 * @param enabled whether credentials are checked
 * @param users user name to password and admin flag
 */
public record AuthSettings(boolean enabled, Map<String, User> users) {

  public AuthSettings {
    users = Map.copyOf(users);
  }

  /** Auth off (the default). */
  public static AuthSettings disabled() {
    return new AuthSettings(false, Map.of());
  }

  /** Auth on with one admin user. */
  public static AuthSettings admin(String user, String password) {
    return new AuthSettings(true, Map.of(user, new User(password, true)));
  }

  /** This configuration with one more user. */
  public AuthSettings withUser(String name, String password, boolean admin) {
    java.util.HashMap<String, User> more = new java.util.HashMap<>(users);
    more.put(name, new User(password, admin));
    return new AuthSettings(enabled, more);
  }

  /** A known user's password and privilege. */
  public record User(String password, boolean admin) {}

  /**
   * The user named by an {@code Authorization} header ({@code Basic base64(user:pass)} or
   * {@code Token user:pass}) whose password matches, or empty.
   */
  Optional<User> authenticate(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String credentials;
    if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException notBase64) {
        return Optional.empty();
      }
    } else if (authorization.regionMatches(true, 0, "Token ", 0, 6)) {
      credentials = authorization.substring(6).trim();
    } else {
      return Optional.empty();
    }
    int colon = credentials.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    User user = users.get(credentials.substring(0, colon));
    return user != null && user.password().equals(credentials.substring(colon + 1))
        ? Optional.of(user)
        : Optional.empty();
  }
}
