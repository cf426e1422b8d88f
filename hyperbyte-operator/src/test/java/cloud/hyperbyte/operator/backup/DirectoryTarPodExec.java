package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.reconcile.backup.PodExec;
import cloud.hyperbyte.reconcile.backup.PodExecException;
import cloud.hyperbyte.reconcile.backup.RemoteProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A member pod whose server backup already sits in a local directory, in place of exec (fabric8's
 * mock server cannot exec into pods): the archive command runs the machine's GNU tar on that
 * directory, exactly as in the database image ({@code tar -C dir -cf - .}); every other command
 * succeeds with no output. Every exec is recorded, and archive attempts can be made to break as a
 * dropped exec connection does. {@code e2e.SimulatedPodExec} is the other double: it runs commands
 * in the testkit's simulated member containers.
 */
public final class DirectoryTarPodExec implements PodExec {

  /** One exec: where and what. */
  public record Exec(String namespace, String pod, String container, List<String> command) {}

  private final Path snapshotDir;
  private final AtomicInteger archiveFailures = new AtomicInteger();
  private final List<Exec> execs = Collections.synchronizedList(new ArrayList<>());

  /** @param snapshotDir the directory the archive command streams */
  public DirectoryTarPodExec(Path snapshotDir) {
    this.snapshotDir = snapshotDir;
  }

  /** The next {@code count} archive streams fail to start. */
  public void failNextArchives(int count) {
    archiveFailures.set(count);
  }

  /** The execs so far, in order. */
  public List<Exec> execs() {
    synchronized (execs) {
      return List.copyOf(execs);
    }
  }

  /** The archive the member streams (the same bytes as long as the directory does not change). */
  public byte[] archive() {
    try (RemoteProcess tar = tar()) {
      byte[] bytes = tar.stdout().readAllBytes();
      if (tar.awaitExit(Duration.ofMinutes(1)) != 0) {
        throw new IllegalStateException("tar failed: " + tar.stderrTail());
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public RemoteProcess start(String namespace, String pod, String container, List<String> command) {
    execs.add(new Exec(namespace, pod, container, command));
    if (!command.get(0).equals("tar")) {
      return FinishedProcess.succeeded();
    }
    if (archiveFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new PodExecException("simulated: exec connection to " + pod + " reset");
    }
    return tar();
  }

  private RemoteProcess tar() {
    Process tar;
    try {
      tar = new ProcessBuilder("tar", "-C", snapshotDir.toString(), "-cf", "-", ".").start();
    } catch (IOException e) {
      throw new PodExecException("cannot run tar", e);
    }
    return new RemoteProcess() {
      @Override
      public InputStream stdout() {
        return tar.getInputStream();
      }

      @Override
      public int awaitExit(Duration timeout) {
        try {
          if (!tar.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new PodExecException("tar did not end");
          }
          return tar.exitValue();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new PodExecException("interrupted", e);
        }
      }

      @Override
      public String stderrTail() {
        try {
          return new String(tar.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
          return e.toString();
        }
      }

      @Override
      public void close() {
        tar.destroy();
      }
    };
  }
}
