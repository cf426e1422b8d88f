package cloud.hyperbyte.reconcile.backup;

import java.io.InputStream;
import java.time.Duration;

/** A command running in a pod: its stdout as a stream, its exit code and the tail of stderr. */
public interface RemoteProcess extends AutoCloseable {

  /** The command's stdout; read it to the end before {@link #awaitExit(Duration)}. */
  InputStream stdout();

  /**
   * Waits for the exit code.
   *
   * @throws PodExecException when the command does not end within {@code timeout} or the
   *     connection is lost
   */
  int awaitExit(Duration timeout);

  /** The last few kilobytes of stderr, for failure messages. */
  String stderrTail();

  /** Ends the exec session (the remote command gets a hang-up). */
  @Override
  void close();
}
