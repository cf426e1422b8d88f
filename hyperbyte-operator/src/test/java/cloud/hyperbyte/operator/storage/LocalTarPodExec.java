package cloud.hyperbyte.operator.storage;

import cloud.hyperbyte.reconcile.backup.BackupCommands;
import cloud.hyperbyte.reconcile.backup.PodExec;
import cloud.hyperbyte.reconcile.backup.PodExecException;
import cloud.hyperbyte.reconcile.backup.RemoteProcess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A member pod whose server backup already sits in a local directory: the archive command runs the
 * machine's real GNU tar on it, exactly as in the database image; the other commands succeed.
 */
final class LocalTarPodExec implements PodExec {

  private final Path snapshotDir;

  LocalTarPodExec(Path snapshotDir) {
    this.snapshotDir = snapshotDir;
  }

  @Override
  public RemoteProcess start(String namespace, String pod, String container, List<String> command) {
    if (!command.equals(BackupCommands.streamArchive())) {
      return finished();
    }
    try {
      Process tar = new ProcessBuilder("tar", "-C", snapshotDir.toString(), "-cf", "-", ".").start();
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
    } catch (IOException e) {
      throw new PodExecException("cannot run tar", e);
    }
  }

  private static RemoteProcess finished() {
    return new RemoteProcess() {
      @Override
      public InputStream stdout() {
        return new ByteArrayInputStream(new byte[0]);
      }

      @Override
      public int awaitExit(Duration timeout) {
        return 0;
      }

      @Override
      public String stderrTail() {
        return "";
      }

      @Override
      public void close() {}
    };
  }
}
