package cloud.hyperbyte.operator.e2e;

import cloud.hyperbyte.operator.cli.HyperbyteCommand;
import cloud.hyperbyte.operator.cli.ProcessEnvironment;
import cloud.hyperbyte.testkit.container.ContainerFiles;
import cloud.hyperbyte.testkit.container.ContainerInvocation;
import cloud.hyperbyte.testkit.container.ContainerProgram;
import cloud.hyperbyte.testkit.container.ExecResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * A container of the operator image: its entry point, {@code java -jar hyperbyte.jar}, is the
 * operator's command line ({@link HyperbyteCommand}), run here in the test's JVM with the
 * container's exact {@code args} and {@code env}. The process sees the container's file system:
 * paths inside a volume mount are that volume's directory on this machine, every other path lands
 * in a scratch root of this run (the image's writable layer), where {@value
 * ProcessEnvironment#TERMINATION_LOG} exists as the kubelet creates it; what the command writes
 * there becomes the termination message.
 */
public final class OperatorImageProgram implements ContainerProgram {

  @Override
  public ExecResult run(ContainerInvocation invocation) throws IOException {
    if (!invocation.command().isEmpty()) {
      // a command replaces the image's entry point; only the entry point is simulated here
      throw new UnsupportedOperationException("the operator image runs its entry point; command "
          + invocation.command() + " is not simulated");
    }
    Path root = Files.createTempDirectory("operator-image-");
    try {
      Path terminationLog = hostPath(invocation.files(), root, ProcessEnvironment.TERMINATION_LOG);
      Files.createDirectories(terminationLog.getParent());
      Files.createFile(terminationLog);
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = HyperbyteCommand.commandLine(
          new ProcessEnvironment(invocation.env(), path -> hostPath(invocation.files(), root, path)));
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));
      int exit = cli.execute(invocation.args().toArray(String[]::new));
      return new ExecResult(exit, out.toString().getBytes(StandardCharsets.UTF_8), err.toString(),
          Files.readString(terminationLog));
    } finally {
      deleteTree(root);
    }
  }

  /** Where the container's absolute {@code path} is on this machine. */
  private static Path hostPath(ContainerFiles files, Path root, String path) {
    ContainerFiles.Resolved resolved;
    try {
      resolved = files.resolve(path);
    } catch (IOException notMounted) {
      return root.resolve(path.replaceFirst("^/+", ""));
    }
    return resolved.mount().hostPath(resolved.relative()).orElseThrow(() -> new UncheckedIOException(
        new IOException(path + ": its volume is not a directory of this machine (testkit)")));
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
