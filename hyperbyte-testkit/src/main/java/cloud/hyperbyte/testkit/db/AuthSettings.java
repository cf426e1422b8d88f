package cloud.hyperbyte.testkit.db;

/**
 * {@code [auth] enabled}, the default a member starts with when its start does not say (a pod reads
 * it from its mounted config.toml). With auth on, every {@code /cluster/*} and {@code /internal/*}
 * route needs an admin, {@code /write} and {@code /query} any user; peers send no credentials, so
 * peer RPCs (Raft, leave notifications, replication) fail as on the real server. A member starts with
 * no users, as the server does (contract §6.2): they are created through {@code /query} and kept on
 * its volume ({@link UserStore}).
 *
 * @param enabled whether credentials are checked
 */
public record AuthSettings(boolean enabled) {

  /** Auth off (the default). */
  public static AuthSettings disabled() {
    return new AuthSettings(false);
  }

  /** Auth on; no user exists until one is created (while auth is off). */
  public static AuthSettings on() {
    return new AuthSettings(true);
  }
}
