package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.reconcile.backup.RemoteProcess;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.time.Duration;

/** A pod command that has already ended, as the exec stream hands it over: its output, exit code and stderr. */
public final class FinishedProcess implements RemoteProcess {

  private static final int STDERR_TAIL = 4096;

  private final InputStream stdout;
  private final int exitCode;
  private final String stderr;

  public FinishedProcess(byte[] stdout, int exitCode, String stderr) {
    this.stdout = new ByteArrayInputStream(stdout);
    this.exitCode = exitCode;
    this.stderr = stderr;
  }

  /** A command that succeeded without output. */
  public static FinishedProcess succeeded() {
    return new FinishedProcess(new byte[0], 0, "");
  }

  @Override
  public InputStream stdout() {
    return stdout;
  }

  @Override
  public int awaitExit(Duration timeout) {
    return exitCode;
  }

  @Override
  public String stderrTail() {
    return stderr.length() > STDERR_TAIL ? stderr.substring(stderr.length() - STDERR_TAIL) : stderr;
  }

  @Override
  public void close() {}
}
