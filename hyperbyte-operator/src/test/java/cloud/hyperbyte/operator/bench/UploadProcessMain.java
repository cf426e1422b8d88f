package cloud.hyperbyte.operator.bench;

import cloud.hyperbyte.operator.cli.HyperbyteCommand;
import cloud.hyperbyte.operator.cli.ProcessEnvironment;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The backup pod's upload container as a process of this machine, for {@link BackupPodBenchmark}:
 * the operator image's entry point with the container's args and env, the container's absolute
 * paths under a root directory (its mounts). Prints the JVM's peak heap in use to stderr at the end.
 * Args: root directory, then the container's args.
 */
public final class UploadProcessMain {

  private UploadProcessMain() {}

  public static void main(String[] args) {
    Path root = Path.of(args[0]);
    int exit = HyperbyteCommand.commandLine(new ProcessEnvironment(System.getenv(),
        path -> root.resolve(path.replaceFirst("^/+", "")))).execute(Arrays.copyOfRange(args, 1, args.length));
    long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    System.err.println("peak-heap-bytes " + peakHeap);
    System.exit(exit);
  }
}
