package cloud.hyperbyte.testkit.container;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The userland of the HyperbyteDB image (contract §8: {@code /bin/sh}, GNU {@code tar}, coreutils,
 * {@code hyperbytedb}) for commands run in simulated containers, by exec or as a container's
 * command, against the container's {@link ContainerFiles}.
 *
 * <p>The shell understands what scripts of a few lines use: {@code ;} and newlines, {@code &&},
 * {@code ||}, {@code { ...; }} groups, {@code #} comments, single and double quotes (without
 * expansions), {@code >&2}, {@code set -e}, {@code exit}, {@code exec}. Commands: {@code sh -c},
 * {@code set}, {@code true}, {@code echo}, {@code test -f|-d|-e}, {@code mkdir [-p]}, {@code rm
 * [-rf]}, {@code tar -C DIR -cf - .} and {@code hyperbytedb} ({@link HyperbytedbCli}). Anything
 * else (variables, pipes, redirections to files, other commands) is refused with a message naming
 * it, so a script the simulator cannot run fails loudly instead of doing something else.
 */
public final class ImageShell implements ContainerProgram {

  private final Clock clock;

  /** @param clock the time the server CLI writes into backup manifests */
  public ImageShell(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Runs {@code argv} (no shell unless it is one) in a container with {@code files}. */
  public ExecResult run(List<String> argv, ContainerFiles files) {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    Session session = new Session(files, new PrintStream(stdout, true, StandardCharsets.UTF_8),
        new PrintStream(stderr, true, StandardCharsets.UTF_8), stdout);
    int exit;
    try {
      exit = session.command(argv, false);
    } catch (Exit e) {
      exit = e.status;
    }
    return new ExecResult(exit, stdout.toByteArray(), stderr.toString(StandardCharsets.UTF_8), "");
  }

  /** As the container's program: its command and args (the image's entrypoint is {@code hyperbytedb}). */
  @Override
  public ExecResult run(ContainerInvocation invocation) {
    List<String> argv = new ArrayList<>(invocation.command().isEmpty() ? List.of("hyperbytedb") : invocation.command());
    argv.addAll(invocation.command().isEmpty() && invocation.args().isEmpty() ? List.of("serve") : invocation.args());
    return run(argv, invocation.files());
  }

  /** {@code exit} or {@code exec}: ends the script with a status. */
  private static final class Exit extends RuntimeException {
    private final int status;

    Exit(int status) {
      super(null, null, false, false);
      this.status = status;
    }
  }

  /** One shell process tree: its files, streams and options. */
  private final class Session {
    private final ContainerFiles files;
    private final PrintStream out;
    private final PrintStream err;
    private final ByteArrayOutputStream rawOut;
    private boolean errexit;

    Session(ContainerFiles files, PrintStream out, PrintStream err, ByteArrayOutputStream rawOut) {
      this.files = files;
      this.out = out;
      this.err = err;
      this.rawOut = rawOut;
    }

    int command(List<String> argv, boolean toStderr) {
      if (argv.isEmpty()) {
        return 0;
      }
      String name = argv.get(0);
      List<String> args = argv.subList(1, argv.size());
      PrintStream stdout = toStderr ? err : out;
      try {
        return switch (name) {
          case "sh", "/bin/sh" -> sh(args);
          case "set" -> set(args);
          case "true", ":" -> 0;
          case "exit" -> throw new Exit(args.isEmpty() ? 0 : Integer.parseInt(args.get(0)));
          case "exec" -> throw new Exit(command(args, toStderr));
          case "echo" -> {
            stdout.println(String.join(" ", args));
            yield 0;
          }
          case "test" -> test(args);
          case "mkdir", "/bin/mkdir" -> mkdir(args);
          case "rm", "/bin/rm" -> rm(args);
          case "tar", "/bin/tar", "/usr/bin/tar" -> tar(args);
          case "hyperbytedb", "/usr/local/bin/hyperbytedb" -> new HyperbytedbCli(files, clock, stdout, err).run(args);
          default -> {
            err.println("sh: " + name + ": not found (testkit: command not simulated)");
            yield 127;
          }
        };
      } catch (IOException e) {
        err.println(name + ": " + e.getMessage());
        return 1;
      }
    }

    private int sh(List<String> args) {
      if (args.size() < 2 || !args.get(0).equals("-c")) {
        err.println("sh: testkit: only 'sh -c SCRIPT' is simulated");
        return 2;
      }
      List<Node> script;
      try {
        script = new Parser(new Lexer(args.get(1)).tokens()).script();
      } catch (IllegalArgumentException e) {
        err.println("sh: " + e.getMessage());
        return 2;
      }
      boolean outer = errexit;
      try {
        return sequence(script);
      } catch (Exit e) {
        return e.status;
      } finally {
        errexit = outer;
      }
    }

    private int set(List<String> args) {
      for (String arg : args) {
        if (arg.startsWith("-") && arg.contains("e")) {
          errexit = true;
        } else if (arg.startsWith("+") && arg.contains("e")) {
          errexit = false;
        }
      }
      return 0;
    }

    private int test(List<String> args) throws IOException {
      if (args.size() != 2) {
        err.println("test: testkit: only 'test -f|-d|-e PATH' is simulated");
        return 2;
      }
      ContainerFiles.Resolved resolved;
      try {
        resolved = files.resolve(args.get(1));
      } catch (IOException e) {
        return 1;
      }
      Mount mount = resolved.mount();
      String path = resolved.relative();
      return switch (args.get(0)) {
        case "-f" -> mount.isFile(path) ? 0 : 1;
        case "-d" -> mount.isDirectory(path) ? 0 : 1;
        case "-e" -> mount.isFile(path) || mount.isDirectory(path) ? 0 : 1;
        default -> {
          err.println("test: testkit: operator " + args.get(0) + " is not simulated");
          yield 2;
        }
      };
    }

    private int mkdir(List<String> args) throws IOException {
      boolean parents = false;
      int status = 0;
      for (String arg : args) {
        if (arg.equals("-p")) {
          parents = true;
          continue;
        }
        ContainerFiles.Resolved target = files.resolve(arg);
        Mount mount = target.mount();
        if (!parents && (mount.isDirectory(target.relative()) || mount.isFile(target.relative()))) {
          err.println("mkdir: cannot create directory '" + arg + "': File exists");
          status = 1;
          continue;
        }
        mount.mkdirs(target.relative());
      }
      return status;
    }

    private int rm(List<String> args) throws IOException {
      boolean recursive = false;
      boolean force = false;
      List<String> paths = new ArrayList<>();
      for (String arg : args) {
        if (arg.startsWith("-") && arg.length() > 1) {
          recursive |= arg.contains("r") || arg.contains("R");
          force |= arg.contains("f");
        } else {
          paths.add(arg);
        }
      }
      int status = 0;
      for (String path : paths) {
        ContainerFiles.Resolved target;
        try {
          target = files.resolve(path);
        } catch (IOException e) {
          if (!force) {
            err.println("rm: cannot remove '" + path + "': No such file or directory");
            status = 1;
          }
          continue;
        }
        Mount mount = target.mount();
        boolean directory = mount.isDirectory(target.relative());
        if (!directory && !mount.isFile(target.relative())) {
          if (!force) {
            err.println("rm: cannot remove '" + path + "': No such file or directory");
            status = 1;
          }
          continue;
        }
        if (directory && !recursive) {
          err.println("rm: cannot remove '" + path + "': Is a directory");
          status = 1;
          continue;
        }
        mount.delete(target.relative());
      }
      return status;
    }

    private int tar(List<String> args) throws IOException {
      String directory = "/";
      boolean create = false;
      String archive = null;
      List<String> members = new ArrayList<>();
      for (int i = 0; i < args.size(); i++) {
        String arg = args.get(i);
        if (arg.equals("-C") && i + 1 < args.size()) {
          directory = args.get(++i);
        } else if (arg.startsWith("-") && arg.length() > 1) {
          create |= arg.contains("c");
          if (arg.endsWith("f") && i + 1 < args.size()) {
            archive = args.get(++i);
          }
        } else {
          members.add(arg);
        }
      }
      if (!create || !"-".equals(archive) || !members.equals(List.of("."))) {
        err.println("tar: testkit: only 'tar -C DIR -cf - .' is simulated");
        return 2;
      }
      ContainerFiles.Resolved source;
      try {
        source = files.resolve(directory);
      } catch (IOException e) {
        err.println("tar: " + directory + ": Cannot open: No such file or directory");
        return 2;
      }
      if (!source.mount().isDirectory(source.relative())) {
        err.println("tar: " + directory + ": Cannot open: No such file or directory");
        err.println("tar: Error is not recoverable: exiting now");
        return 2;
      }
      out.flush();
      rawOut.write(TarArchive.of(source.mount(), source.relative()));
      return 0;
    }

    // ---- evaluation ----

    private int sequence(List<Node> nodes) {
      int status = 0;
      for (Node node : nodes) {
        status = andOr((AndOr) node);
      }
      return status;
    }

    private int andOr(AndOr list) {
      int status = unit(list.units().get(0));
      int last = 0;
      for (int i = 1; i < list.units().size(); i++) {
        boolean run = list.operators().get(i - 1).equals("&&") ? status == 0 : status != 0;
        if (run) {
          status = unit(list.units().get(i));
          last = i;
        }
      }
      // set -e: a failure ends the script unless it came from a command other than the list's last
      if (status != 0 && errexit && last == list.units().size() - 1) {
        throw new Exit(status);
      }
      return status;
    }

    private int unit(Node node) {
      if (node instanceof Group group) {
        return sequence(group.body());
      }
      Simple simple = (Simple) node;
      return command(simple.words(), simple.toStderr());
    }
  }

  // ---- syntax ----

  private sealed interface Node permits Simple, Group, AndOr {}

  private record Simple(List<String> words, boolean toStderr) implements Node {}

  private record Group(List<Node> body) implements Node {}

  private record AndOr(List<Node> units, List<String> operators) implements Node {}

  private record Token(Kind kind, String text) {
    enum Kind { WORD, OPERATOR, REDIRECT }
  }

  /** Splits a script into words and operators; refuses what it does not simulate. */
  private static final class Lexer {
    private final String script;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    Lexer(String script) {
      this.script = script;
    }

    List<Token> tokens() {
      while (pos < script.length()) {
        char c = script.charAt(pos);
        if (c == ' ' || c == '\t') {
          pos++;
        } else if (c == '\n' || c == ';') {
          tokens.add(new Token(Token.Kind.OPERATOR, c == '\n' ? ";" : ";"));
          pos++;
        } else if (c == '#') {
          while (pos < script.length() && script.charAt(pos) != '\n') {
            pos++;
          }
        } else if (script.startsWith("&&", pos) || script.startsWith("||", pos)) {
          tokens.add(new Token(Token.Kind.OPERATOR, script.substring(pos, pos + 2)));
          pos += 2;
        } else if (script.startsWith(">&2", pos) || script.startsWith("1>&2", pos)) {
          tokens.add(new Token(Token.Kind.REDIRECT, ">&2"));
          pos += script.startsWith(">&2", pos) ? 3 : 4;
        } else if ("|&<>()`$\\".indexOf(c) >= 0) {
          throw new IllegalArgumentException("testkit: '" + c + "' (pipes, redirections to files, subshells,"
              + " expansions) is not simulated, at: " + script.substring(pos, Math.min(script.length(), pos + 30)));
        } else {
          word();
        }
      }
      return tokens;
    }

    private void word() {
      StringBuilder word = new StringBuilder();
      boolean quoted = false;
      while (pos < script.length()) {
        char c = script.charAt(pos);
        if (c == '\'') {
          int end = script.indexOf('\'', pos + 1);
          if (end < 0) {
            throw new IllegalArgumentException("unterminated quoted string");
          }
          word.append(script, pos + 1, end);
          pos = end + 1;
          quoted = true;
        } else if (c == '"') {
          int end = script.indexOf('"', pos + 1);
          if (end < 0) {
            throw new IllegalArgumentException("unterminated quoted string");
          }
          String content = script.substring(pos + 1, end);
          if (content.contains("$") || content.contains("`") || content.contains("\\")) {
            throw new IllegalArgumentException("testkit: expansions in double quotes are not simulated: " + content);
          }
          word.append(content);
          pos = end + 1;
          quoted = true;
        } else if (" \t\n;&|<>()`$\\#".indexOf(c) >= 0) {
          break;
        } else {
          word.append(c);
          pos++;
        }
      }
      String text = word.toString();
      boolean reserved = !quoted && (text.equals("{") || text.equals("}"));
      tokens.add(new Token(reserved ? Token.Kind.OPERATOR : Token.Kind.WORD, text));
    }
  }

  /** {@code script := and_or ((';') and_or)*; and_or := unit (('&&'|'||') unit)*; unit := '{' script '}' | simple}. */
  private static final class Parser {
    private final List<Token> tokens;
    private int pos;

    Parser(List<Token> tokens) {
      this.tokens = tokens;
    }

    List<Node> script() {
      List<Node> nodes = list();
      if (pos < tokens.size()) {
        throw new IllegalArgumentException("syntax error near '" + tokens.get(pos).text() + "'");
      }
      return nodes;
    }

    private List<Node> list() {
      List<Node> nodes = new ArrayList<>();
      while (pos < tokens.size()) {
        if (isOperator(";")) {
          pos++;
          continue;
        }
        if (isOperator("}")) {
          break;
        }
        nodes.add(andOr());
      }
      return nodes;
    }

    private AndOr andOr() {
      List<Node> units = new ArrayList<>();
      List<String> operators = new ArrayList<>();
      units.add(unit());
      while (isOperator("&&") || isOperator("||")) {
        operators.add(tokens.get(pos++).text());
        while (isOperator(";")) {
          pos++; // a newline may follow && or ||
        }
        units.add(unit());
      }
      return new AndOr(units, operators);
    }

    private Node unit() {
      if (isOperator("{")) {
        pos++;
        List<Node> body = list();
        if (!isOperator("}")) {
          throw new IllegalArgumentException("syntax error: '{' without '}'");
        }
        pos++;
        return new Group(body);
      }
      List<String> words = new ArrayList<>();
      boolean toStderr = false;
      while (pos < tokens.size() && tokens.get(pos).kind() != Token.Kind.OPERATOR) {
        Token token = tokens.get(pos++);
        if (token.kind() == Token.Kind.REDIRECT) {
          toStderr = true;
        } else {
          words.add(token.text());
        }
      }
      if (words.isEmpty()) {
        throw new IllegalArgumentException("syntax error: a command is missing"
            + (pos < tokens.size() ? " before '" + tokens.get(pos).text() + "'" : " at the end"));
      }
      return new Simple(words, toStderr);
    }

    private boolean isOperator(String text) {
      return pos < tokens.size() && tokens.get(pos).kind() == Token.Kind.OPERATOR
          && tokens.get(pos).text().equals(text);
    }
  }
}
