package cloud.hyperbyte.operator.bench;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A JVM of this machine on the test class path, forked for one process of a benchmark so that its
 * memory is measured apart from the benchmark's own: a server to leave running ({@link #start}), or a
 * step moving data to measure until it exits ({@link #run}).
 */
final class ForkedJvm {

  /** How often a running step's resident set is read. */
  private static final long SAMPLE_MILLIS = 100;
  private static final String PEAK_HEAP = "peak-heap-bytes ";

  /**
   * What a step cost: wall time from fork to exit, the peak resident set (Linux {@code VmHWM}) and
   * the peak heap in use that the step printed ({@code -1} when it printed none), its exit code and
   * its output (stdout and stderr).
   */
  record Measured(long nanos, long peakRss, long peakHeap, int exitCode, String output) {}

  private ForkedJvm() {}

  /** Starts {@code main} with {@code args} in a JVM with {@code jvmOptions}, its output to {@code log}. */
  static Process start(List<String> jvmOptions, Class<?> main, List<String> args, Map<String, String> env, Path log)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command(jvmOptions, main, args)).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  /** The command line of a JVM of this Java, on this code's class path, running {@code main} with {@code args}. */
  static List<String> command(List<String> jvmOptions, Class<?> main, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath());
    command.add(main.getName());
    command.addAll(args);
    return command;
  }

  /** The class path of the running code: the launcher's, or exec:java's class loader's. */
  private static String classPath() {
    ClassLoader loader = ForkedJvm.class.getClassLoader();
    if (loader instanceof URLClassLoader urls && urls.getURLs().length > 0) {
      return Arrays.stream(urls.getURLs()).map(ForkedJvm::toPath).collect(Collectors.joining(File.pathSeparator));
    }
    return System.getProperty("java.class.path");
  }

  private static String toPath(URL url) {
    try {
      return Path.of(url.toURI()).toString();
    } catch (Exception e) {
      throw new IllegalStateException(url.toString(), e);
    }
  }

  /**
   * Runs {@code main} as {@link #start} does until it exits, measured. The step reports its peak heap
   * as a line {@code peak-heap-bytes <n>} ({@link ContainerProcessMain} does).
   */
  static Measured run(List<String> jvmOptions, Class<?> main, List<String> args, Map<String, String> env, Path log)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    Process process = start(jvmOptions, main, args, env, log);
    long peakRss = 0;
    while (!process.waitFor(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
      peakRss = Math.max(peakRss, procStatusBytes(process.pid(), "VmHWM:"));
    }
    long nanos = System.nanoTime() - start;
    String output = Files.readString(log);
    long peakHeap = output.lines().filter(l -> l.startsWith(PEAK_HEAP))
        .mapToLong(l -> Long.parseLong(l.substring(PEAK_HEAP.length()).strip())).findFirst().orElse(-1);
    return new Measured(nanos, peakRss, peakHeap, process.exitValue(), output);
  }

  /**
   * A size {@code field} of process {@code pid}'s {@code /proc/<pid>/status} in bytes (Linux; e.g.
   * {@code VmRSS:}, or {@code VmHWM:} for the peak resident set so far), 0 once the process is gone.
   */
  static long procStatusBytes(long pid, String field) {
    try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + "/status"))) {
      return lines.filter(l -> l.startsWith(field)).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) << 10)
          .findFirst().orElse(0);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
