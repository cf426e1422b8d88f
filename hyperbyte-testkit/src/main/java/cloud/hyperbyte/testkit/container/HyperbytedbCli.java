package cloud.hyperbyte.testkit.container;

import cloud.hyperbyte.model.spec.OperatorPaths;
import cloud.hyperbyte.testkit.db.MemberVolume;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code hyperbytedb [--config F] backup --output DIR | restore --input DIR} (contract §5.1) in a
 * container whose data directory ({@value OperatorPaths#DATA_DIR}, the image's layout) is a member
 * volume. The config file is not read: the stock image's environment fixes the data paths.
 */
final class HyperbytedbCli {

  private final ContainerFiles files;
  private final Clock clock;
  private final PrintStream out;
  private final PrintStream err;

  HyperbytedbCli(ContainerFiles files, Clock clock, PrintStream out, PrintStream err) {
    this.files = files;
    this.clock = clock;
    this.out = out;
    this.err = err;
  }

  int run(List<String> args) {
    int i = 0;
    if (i < args.size() && (args.get(i).equals("--config") || args.get(i).equals("-c"))) {
      i += 2;
    }
    if (i >= args.size()) {
      return usage("a subcommand is required");
    }
    String subcommand = args.get(i);
    List<String> rest = args.subList(i + 1, args.size());
    return switch (subcommand) {
      case "backup" -> option(rest, "--output", "-o").map(this::backup).orElseGet(() -> usage("backup needs --output DIR"));
      case "restore" -> option(rest, "--input", "-i").map(this::restore).orElseGet(() -> usage("restore needs --input DIR"));
      case "serve" -> fail("testkit: the server process is a SimulatedNode started with its pod, not by a command");
      default -> usage("unknown subcommand " + subcommand);
    };
  }

  private int backup(String output) {
    try {
      MemberVolume volume = dataVolume();
      ContainerFiles.Resolved target = files.resolve(output);
      if (target.mount().isDirectory(target.relative()) || target.mount().isFile(target.relative())) {
        return fail("Error: backup failed: Invalid argument: Directory exists: " + target.path()
            + " (RocksDB checkpoints need a new directory)");
      }
      for (Map.Entry<String, byte[]> file : volume.backup(clock.instant()).entrySet()) {
        String path = join(target.relative(), file.getKey());
        target.mount().mkdirs(parent(path));
        target.mount().write(path, file.getValue());
      }
      out.println("backup written to " + target.path());
      return 0;
    } catch (IOException e) {
      return fail("Error: backup failed: " + e.getMessage());
    }
  }

  private int restore(String input) {
    try {
      MemberVolume volume = dataVolume();
      ContainerFiles.Resolved source = files.resolve(input);
      if (!source.mount().isDirectory(source.relative())) {
        return fail("Error: restore failed: " + source.path() + ": No such file or directory");
      }
      Map<String, byte[]> backup = new LinkedHashMap<>();
      collect(source.mount(), source.relative(), "", backup);
      volume.restore(backup);
      out.println("restored " + source.path() + " into " + OperatorPaths.DATA_DIR);
      return 0;
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      return fail("Error: restore failed: " + e.getMessage());
    }
  }

  private MemberVolume dataVolume() throws IOException {
    ContainerFiles.Resolved data = files.resolve(OperatorPaths.DATA_DIR);
    if (!data.relative().isEmpty() || !(data.mount() instanceof MemberVolumeMount member)) {
      throw new IOException("IO error: " + OperatorPaths.DATA_DIR + "/wal: No such file or directory"
          + " (testkit: no member volume is mounted at the data directory)");
    }
    return member.volume();
  }

  private static void collect(Mount mount, String path, String relative, Map<String, byte[]> into)
      throws IOException {
    for (String name : mount.list(path)) {
      String child = path.isEmpty() ? name : path + "/" + name;
      String childRelative = relative.isEmpty() ? name : relative + "/" + name;
      if (mount.isDirectory(child)) {
        into.put(childRelative + "/", new byte[0]);
        collect(mount, child, childRelative, into);
      } else {
        into.put(childRelative, mount.read(child));
      }
    }
  }

  private static java.util.Optional<String> option(List<String> args, String name, String shortName) {
    for (int i = 0; i + 1 < args.size(); i++) {
      if (args.get(i).equals(name) || args.get(i).equals(shortName)) {
        return java.util.Optional.of(args.get(i + 1));
      }
    }
    return java.util.Optional.empty();
  }

  private int usage(String message) {
    err.println("error: " + message);
    err.println("Usage: hyperbytedb [--config <FILE>] <serve|backup --output <DIR>|restore --input <DIR>>");
    return 2;
  }

  private int fail(String message) {
    err.println(message);
    return 1;
  }

  private static String join(String base, String path) {
    return base.isEmpty() ? path : base + "/" + path;
  }

  private static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
