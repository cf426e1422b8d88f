package cloud.hyperbyte.reconcile.backup;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A member pod that answers the backup commands: the server backup, the tar stream, the cleanup. */
final class FakePodExec implements PodExec {

  final List<String> log = new ArrayList<>();
  byte[] archive = "tar bytes".getBytes(StandardCharsets.UTF_8);
  int backupExit = 0;
  int tarExit = 0;
  boolean unreachable = false;

  @Override
  public RemoteProcess start(String namespace, String pod, String container, List<String> command) {
    if (unreachable) {
      throw new PodExecException("pod " + pod + " not found");
    }
    log.add(pod + "/" + container + ": " + String.join(" ", command));
    if (command.get(0).equals("tar")) {
      return process(archive, tarExit, "tar: ./data/x: file changed as we read it");
    }
    if (String.join(" ", command).contains(" backup --output ")) {
      return process("INFO backup done\n".getBytes(StandardCharsets.UTF_8), backupExit, "Error: No such file");
    }
    return process(new byte[0], 0, "");
  }

  private static RemoteProcess process(byte[] stdout, int exit, String stderr) {
    return new RemoteProcess() {
      private final InputStream out = new ByteArrayInputStream(stdout);

      @Override
      public InputStream stdout() {
        return out;
      }

      @Override
      public int awaitExit(Duration timeout) {
        return exit;
      }

      @Override
      public String stderrTail() {
        return exit == 0 ? "" : stderr;
      }

      @Override
      public void close() {}
    };
  }
}
