package cloud.hyperbyte.testkit.db;

import static cloud.hyperbyte.testkit.db.NodeJson.object;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /query} as far as user management goes (contract §6.2): {@code CREATE USER … WITH PASSWORD
 * '…' [WITH ALL PRIVILEGES]}, {@code SET PASSWORD FOR … = '…'}, {@code DROP USER …} and
 * {@code SHOW USERS}; any other statement answers an empty result. The statement comes in {@code q},
 * from the query string or a form-encoded body. With auth on, user management needs an admin (403
 * otherwise). Statement errors are answered 200 with {@code results[0].error}, as InfluxDB 1.x does;
 * creating a user that exists is such an error ({@code user already exists}), whatever its password.
 */
final class QueryStatements {

  private final SimulatedNode node;
  private final Simulation simulation;

  QueryStatements(SimulatedNode node, Simulation simulation) {
    this.node = node;
    this.simulation = simulation;
  }

  HttpReply run(NodeRequest request) {
    Optional<String> q = param(request.query(), "q")
        .or(() -> param(new String(request.body(), StandardCharsets.UTF_8), "q"));
    if (q.isEmpty() || q.get().isBlank()) {
      return HttpReply.json(400, NodeJson.write(object("error", "missing required parameter \"q\"")));
    }
    Parser statement = new Parser(q.get().strip());
    String verb = statement.words(2);
    boolean managesUsers = verb.startsWith("CREATE USER") || verb.startsWith("SET PASSWORD")
        || verb.startsWith("DROP USER") || verb.startsWith("SHOW USERS");
    if (managesUsers && node.authEnabledUnlocked()
        && node.disk().users.authenticate(request.authorization()).filter(UserStore.User::admin).isEmpty()) {
      return HttpReply.json(403, NodeJson.write(object("error",
          "error authorizing query: requires admin privilege")));
    }
    try {
      return switch (verb) {
        case "CREATE USER" -> createUser(statement);
        case "SET PASSWORD" -> setPassword(statement);
        case "DROP USER" -> dropUser(statement);
        case "SHOW USERS" -> showUsers();
        default -> result(object("statement_id", 0));
      };
    } catch (IllegalArgumentException unparsable) {
      return HttpReply.json(400, NodeJson.write(object("error", "error parsing query: " + unparsable.getMessage())));
    }
  }

  private HttpReply createUser(Parser statement) {
    String name = statement.identifier();
    statement.expect("WITH", "PASSWORD");
    String password = statement.string();
    // the server's test: the statement's text mentions ALL PRIVILEGES or ADMIN
    String privileges = statement.rest().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    boolean admin = privileges.contains("ALL PRIVILEGES") || privileges.contains("ADMIN");
    UserStore users = node.disk().users;
    if (users.exists(name)) {
      return result(object("statement_id", 0, "error", "user already exists"));
    }
    users.put(name, new UserStore.User(password, admin));
    replicate();
    return result(object("statement_id", 0));
  }

  private HttpReply setPassword(Parser statement) {
    statement.expect("FOR");
    String name = statement.identifier();
    statement.expect("=");
    String password = statement.string();
    UserStore users = node.disk().users;
    if (!users.exists(name)) {
      return result(object("statement_id", 0, "error", "user not found"));
    }
    users.put(name, new UserStore.User(password, users.all().get(name).admin()));
    replicate();
    return result(object("statement_id", 0));
  }

  private HttpReply dropUser(Parser statement) {
    String name = statement.identifier();
    Map<String, UserStore.User> all = node.disk().users.all();
    if (!all.containsKey(name)) {
      return result(object("statement_id", 0, "error", "user not found"));
    }
    UserStore remaining = new UserStore();
    all.forEach((user, value) -> {
      if (!user.equals(name)) {
        remaining.put(user, value);
      }
    });
    node.disk().users.replaceWith(remaining);
    replicate();
    return result(object("statement_id", 0));
  }

  private HttpReply showUsers() {
    List<Object> values = new ArrayList<>();
    node.disk().users.all().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> values.add(List.of(e.getKey(), e.getValue().admin())));
    Map<String, Object> series = object("columns", List.of("user", "admin"), "values", values);
    return result(object("statement_id", 0, "series", List.of(series)));
  }

  /** Users are schema: they replicate through Raft to the running members of the same group. */
  private void replicate() {
    SimulatedRaftGroup group = node.raftGroup();
    if (group == null) {
      return;
    }
    for (SimulatedNode other : simulation.nodes()) {
      if (other != node && other.raftGroup() == group && other.processRunningUnlocked()) {
        other.disk().users.replaceWith(node.disk().users);
      }
    }
  }

  private static HttpReply result(Map<String, Object> statement) {
    return HttpReply.json(200, NodeJson.write(object("results", List.of(statement))));
  }

  private static Optional<String> param(String encoded, String name) {
    if (encoded == null) {
      return Optional.empty();
    }
    for (String pair : encoded.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
        return Optional.of(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  /** Just enough InfluxQL: keywords, identifiers (bare or double-quoted) and single-quoted strings. */
  private static final class Parser {
    private final String text;
    private int at;

    Parser(String text) {
      this.text = text;
    }

    /** The next {@code count} words upper-cased and joined by one space, consumed. */
    String words(int count) {
      List<String> words = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        skipSpace();
        int start = at;
        while (at < text.length() && Character.isLetter(text.charAt(at))) {
          at++;
        }
        words.add(text.substring(start, at).toUpperCase(Locale.ROOT));
      }
      return String.join(" ", words);
    }

    void expect(String... tokens) {
      for (String token : tokens) {
        skipSpace();
        if (!text.regionMatches(true, at, token, 0, token.length())) {
          throw new IllegalArgumentException("found " + rest() + ", expected " + token);
        }
        at += token.length();
      }
    }

    String identifier() {
      skipSpace();
      if (at < text.length() && text.charAt(at) == '"') {
        return quoted('"');
      }
      int start = at;
      while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
        at++;
      }
      if (start == at) {
        throw new IllegalArgumentException("found " + rest() + ", expected identifier");
      }
      return text.substring(start, at);
    }

    String string() {
      skipSpace();
      if (at >= text.length() || text.charAt(at) != '\'') {
        throw new IllegalArgumentException("found " + rest() + ", expected string");
      }
      return quoted('\'');
    }

    String rest() {
      return text.substring(Math.min(at, text.length())).strip();
    }

    private String quoted(char quote) {
      StringBuilder value = new StringBuilder();
      at++;
      while (at < text.length()) {
        char c = text.charAt(at++);
        if (c == '\\' && at < text.length()) {
          value.append(text.charAt(at++));
        } else if (c == quote) {
          return value.toString();
        } else {
          value.append(c);
        }
      }
      throw new IllegalArgumentException("unterminated " + (quote == '"' ? "identifier" : "string"));
    }

    private void skipSpace() {
      while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
        at++;
      }
    }
  }
}
