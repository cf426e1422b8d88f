package cloud.hyperbyte.testkit.db;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The users in a member's {@code meta/} (contract §6.2): none at first; {@code CREATE USER} and
 * {@code SET PASSWORD} through {@code /query} change them, and they replicate to the members of the
 * same Raft group. Passwords are kept in clear here (the server keeps Argon2id hashes); the server's
 * 60 s cache of successful checks is not simulated, so a changed password takes effect at once.
 */
final class UserStore {

  /** A user's password and privilege. */
  record User(String password, boolean admin) {
    @Override
    public String toString() {
      return "User[password=***, admin=" + admin + "]";
    }
  }

  private final Map<String, User> users = new LinkedHashMap<>();

  boolean isEmpty() {
    return users.isEmpty();
  }

  boolean exists(String name) {
    return users.containsKey(name);
  }

  void put(String name, User user) {
    users.put(name, user);
  }

  Map<String, User> all() {
    return Map.copyOf(users);
  }

  void replaceWith(UserStore other) {
    users.clear();
    users.putAll(other.users);
  }

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
