package cloud.hyperbyte.testkit.container;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How a command or container ended.
 *
 * @param exitCode the exit status
 * @param stdout everything written to stdout
 * @param stderr everything written to stderr
 * @param terminationMessage what the program wrote to {@code /dev/termination-log} ({@code ""} when
 *     nothing); the kubelet reports it as the container's termination message
 */
public record ExecResult(int exitCode, byte[] stdout, String stderr, String terminationMessage) {

  public ExecResult {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(terminationMessage, "terminationMessage");
  }

  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }
}
