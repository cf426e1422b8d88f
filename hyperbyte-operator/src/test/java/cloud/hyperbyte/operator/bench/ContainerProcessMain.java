package cloud.hyperbyte.operator.bench;

import cloud.hyperbyte.operator.cli.HyperbyteCommand;
import cloud.hyperbyte.operator.cli.ProcessEnvironment;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A container of the operator image as a process of this machine, for {@link SeedBenchmark} and
 * {@link BackupPodBenchmark}: the image's entry point with the container's args and env (inherited),
 * the container's file system given as mounts (a container path and the host directory that backs
 * it; any other path lands under a scratch root, the image's writable layer). Prints the JVM's peak
 * heap in use to stderr at the end, for {@link ForkedJvm#run} to read.
 *
 * <p>Args ({@link #args}): scratch root, then {@code CONTAINER_PATH=HOST_DIR} per mount, then {@code --},
 * then the container's args.
 */
public final class ContainerProcessMain {

  private ContainerProcessMain() {}

  /** The args of a container with {@code containerArgs}, its paths under {@code root} but for {@code mounts}. */
  static List<String> args(Path root, Map<String, Path> mounts, List<String> containerArgs) {
    List<String> args = new ArrayList<>(List.of(root.toString()));
    mounts.forEach((path, host) -> args.add(path + "=" + host));
    args.add("--");
    args.addAll(containerArgs);
    return args;
  }

  public static void main(String[] args) {
    Path root = Path.of(args[0]);
    List<String[]> mounts = new ArrayList<>();
    int i = 1;
    for (; !args[i].equals("--"); i++) {
      int eq = args[i].indexOf('=');
      mounts.add(new String[] {args[i].substring(0, eq), args[i].substring(eq + 1)});
    }
    // the longest mount path that holds a path wins, as in the kernel's mount table
    mounts.sort(Comparator.comparingInt((String[] m) -> m[0].length()).reversed());
    int exit = HyperbyteCommand.commandLine(new ProcessEnvironment(System.getenv(), path -> {
      for (String[] mount : mounts) {
        if (path.equals(mount[0]) || path.startsWith(mount[0] + "/")) {
          return Path.of(mount[1]).resolve(path.substring(mount[0].length()).replaceFirst("^/+", ""));
        }
      }
      return root.resolve(path.replaceFirst("^/+", ""));
    })).execute(Arrays.copyOfRange(args, i + 1, args.length));
    long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    System.err.println("peak-heap-bytes " + peakHeap);
    System.exit(exit);
  }
}
