package cloud.hyperbyte.operator.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a subcommand sees of the process it runs in: its environment variables and its file system.
 * A real process sees its own. A test runs the command line as a container of the operator image
 * would: with the container's environment, and its paths mapped to directories of the test machine
 * (as the container runtime's mounts map them), so the container's exact arguments can be used.
 *
 * @param variables the environment variables
 * @param files an absolute path as the process names it, resolved to a path of this machine
 */
public record ProcessEnvironment(Map<String, String> variables, Function<String, Path> files) {

  /** Where Kubernetes reads a container's termination message (the default {@code terminationMessagePath}). */
  public static final String TERMINATION_LOG = "/dev/termination-log";

  public ProcessEnvironment {
    variables = Map.copyOf(variables);
    Objects.requireNonNull(files, "files");
  }

  /** This JVM's environment and file system. */
  public static ProcessEnvironment system() {
    return new ProcessEnvironment(System.getenv(), Path::of);
  }

  /** {@code path} (absolute, as the process names it) on this machine. */
  public Path file(String path) {
    return files.apply(path);
  }
}
