package cloud.hyperbyte.operator.database;

import cloud.hyperbyte.reconcile.port.AdminCredentials;

/**
 * The user-management statements the operator sends to {@code /query} (contract §6.2), with the
 * username as a double-quoted identifier and the password as a single-quoted string, each escaped,
 * so any character the credentials Secret allows stays inside its literal.
 */
final class InfluxStatements {

  private InfluxStatements() {}

  /** {@code CREATE USER "<user>" WITH PASSWORD '<password>' WITH ALL PRIVILEGES}. */
  static String createAdmin(AdminCredentials admin) {
    return "CREATE USER " + identifier(admin.username()) + " WITH PASSWORD " + string(admin.password())
        + " WITH ALL PRIVILEGES";
  }

  /** {@code SET PASSWORD FOR "<user>" = '<password>'}. */
  static String setPassword(AdminCredentials admin) {
    return "SET PASSWORD FOR " + identifier(admin.username()) + " = " + string(admin.password());
  }

  static String identifier(String name) {
    return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static String string(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
