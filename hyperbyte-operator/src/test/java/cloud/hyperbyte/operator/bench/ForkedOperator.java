package cloud.hyperbyte.operator.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link OperatorProcessMain} in a child JVM with this JVM's class path, and what the benchmark
 * measures of it from outside: the live heap after a full GC ({@code jcmd GC.class_histogram}, which
 * collects first and counts only reachable objects, whatever the collector) and the resident set.
 */
final class ForkedOperator implements AutoCloseable {

  private final Process process;
  private final Path jcmd;
  private final URI metrics;

  private ForkedOperator(Process process, Path jcmd, URI metrics) {
    this.process = process;
    this.jcmd = jcmd;
    this.metrics = metrics;
  }

  /**
   * Starts the operator against {@code apiUrl} and waits until its caches are synced. Its output goes to
   * {@code log}.
   */
  static ForkedOperator start(String apiUrl, URI addressBook, List<String> jvmOptions, Path log) throws Exception {
    Process process = new ProcessBuilder(ForkedJvm.command(jvmOptions, OperatorProcessMain.class,
        List.of(apiUrl, addressBook.toString()))).redirectErrorStream(true).start();
    CompletableFuture<Void> ready = new CompletableFuture<>();
    CompletableFuture<Integer> metricsPort = new CompletableFuture<>();
    Thread pump = new Thread(() -> copyOutput(process, log, metricsPort, ready), "operator-output");
    pump.setDaemon(true);
    pump.start();
    try {
      ready.get(10, TimeUnit.MINUTES);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("the operator process did not start; see " + log, e);
    }
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    return new ForkedOperator(process, Files.isExecutable(jcmd) ? jcmd : Path.of("jcmd"),
        URI.create("http://127.0.0.1:" + metricsPort.getNow(-1) + "/metrics"));
  }

  private static void copyOutput(Process process, Path log, CompletableFuture<Integer> metricsPort,
      CompletableFuture<Void> ready) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
         PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equals(OperatorProcessMain.READY)) {
          ready.complete(null);
        } else if (line.startsWith(OperatorProcessMain.METRICS)) {
          metricsPort.complete(Integer.parseInt(line.substring(OperatorProcessMain.METRICS.length()).trim()));
        } else {
          out.println(line);
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
    try {
      ready.completeExceptionally(new IllegalStateException("the operator process exited: " + process.waitFor()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ready.completeExceptionally(e);
    }
  }

  /** What a class histogram of the operator JVM shows: live bytes in all and per class. */
  record LiveHeap(long bytes, Map<String, Long> bytesByClass) {

    /** The {@code count} classes with the most live bytes. */
    List<String> largest(int count) {
      return describe(bytesByClass, count);
    }

    /** The {@code count} classes whose live bytes grew most since {@code before}. */
    List<String> growthSince(LiveHeap before, int count) {
      Map<String, Long> growth = new HashMap<>();
      bytesByClass.forEach((type, bytes) -> growth.put(type, bytes - before.bytesByClass.getOrDefault(type, 0L)));
      return describe(growth, count);
    }

    private static List<String> describe(Map<String, Long> bytesByClass, int count) {
      return bytesByClass.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
          .limit(count)
          .map(e -> String.format(Locale.ROOT, "%8.1f KiB %s", e.getValue() / 1024.0, e.getKey()))
          .toList();
    }
  }

  /** The live objects after a full GC of the operator JVM. */
  LiveHeap liveHeap() throws IOException, InterruptedException {
    List<String> histogram = jcmd("GC.class_histogram");
    long total = -1;
    Map<String, Long> byClass = new HashMap<>();
    for (String line : histogram) {
      // " 1:  12345  678901  java.lang.String (java.base@17)" ... "Total  123456  7890123"
      String[] fields = line.trim().split("\\s+", 4);
      if (fields[0].equals("Total")) {
        total = Long.parseLong(fields[fields.length - 1]);
      } else if (fields[0].matches("\\d+:") && fields.length == 4) {
        byClass.merge(fields[3], Long.parseLong(fields[2]), Long::sum);
      }
    }
    if (total < 0) {
      throw new IllegalStateException("no Total line in the class histogram: " + histogram);
    }
    return new LiveHeap(total, byClass);
  }

  /** The operator JVM's resident set size, from {@code /proc} (0 where there is none). */
  long residentBytes() {
    return ForkedJvm.procStatusBytes(process.pid(), "VmRSS:");
  }

  /** The highest resident set size the operator JVM reached (what a container limit must hold). */
  long peakResidentBytes() {
    return ForkedJvm.procStatusBytes(process.pid(), "VmHWM:");
  }

  /** CPU seconds the operator JVM used so far (user + system, from {@code /proc/<pid>/stat}). */
  double cpuSeconds() throws IOException {
    Path stat = Path.of("/proc", String.valueOf(process.pid()), "stat");
    if (!Files.exists(stat)) {
      return 0;
    }
    String text = Files.readString(stat);
    // fields after the parenthesised command: state is field 3, utime 14, stime 15 (clock ticks, 100 Hz)
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  /** Seconds the operator JVM spent in garbage collection so far (all collectors, from its perf counters). */
  double gcSeconds() throws IOException, InterruptedException {
    double ticks = 0;
    double frequency = 1e9;
    for (String line : jcmd("PerfCounter.print")) {
      String[] kv = line.split("=", 2);
      if (kv.length != 2) {
        continue;
      }
      if (kv[0].matches("sun\\.gc\\.collector\\.\\d+\\.time")) {
        ticks += Double.parseDouble(kv[1]);
      } else if (kv[0].equals("sun.os.hrt.frequency")) {
        frequency = Double.parseDouble(kv[1]);
      }
    }
    return ticks / frequency;
  }

  /** The operator's {@code /metrics} text now. */
  String scrapeMetrics() throws IOException, InterruptedException {
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    return http.send(java.net.http.HttpRequest.newBuilder(metrics).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Whether the operator process still runs (it exits on an OutOfMemoryError). */
  boolean alive() {
    return process.isAlive();
  }

  /** The operator process's id. */
  long pid() {
    return process.pid();
  }

  private List<String> jcmd(String command) throws IOException, InterruptedException {
    Process run = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), command)
        .redirectErrorStream(true).start();
    List<String> lines;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
      lines = in.lines().toList();
    }
    if (run.waitFor() != 0) {
      throw new IllegalStateException("jcmd " + command + " failed: " + String.join("\n", lines));
    }
    return lines;
  }

  /** Ends the operator: closing its standard input makes it shut down gracefully. */
  @Override
  public void close() throws IOException, InterruptedException {
    process.getOutputStream().close();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
