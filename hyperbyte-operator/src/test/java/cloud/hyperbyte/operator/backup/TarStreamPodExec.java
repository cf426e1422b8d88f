package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.reconcile.backup.BackupCommands;
import cloud.hyperbyte.reconcile.backup.PodExec;
import cloud.hyperbyte.reconcile.backup.PodExecException;
import cloud.hyperbyte.reconcile.backup.RemoteProcess;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The member side of a backup, in place of exec (testkit gap: fabric8's mock server cannot exec
 * into pods, and no simulated member has a data directory): the archive command streams a tar of
 * a small local directory standing for the server's backup output, every other command succeeds.
 * Archive attempts can be made to break, as a dropped exec connection does.
 */
final class TarStreamPodExec implements PodExec {

  /** One exec: where and what. */
  record Exec(String namespace, String pod, String container, List<String> command) {}

  private final Path snapshot;
  private final AtomicInteger archiveFailures = new AtomicInteger();
  private final List<Exec> execs = Collections.synchronizedList(new ArrayList<>());

  TarStreamPodExec(Path snapshot) {
    this.snapshot = snapshot;
  }

  /** The next {@code count} archive streams fail to start. */
  void failNextArchives(int count) {
    archiveFailures.set(count);
  }

  List<Exec> execs() {
    synchronized (execs) {
      return List.copyOf(execs);
    }
  }

  /** The archive the member streams: a tar of the snapshot directory, as {@code tar -C dir -cf - .}. */
  byte[] archive() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);
        Stream<Path> files = Files.walk(snapshot)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Path file : files.sorted().toList()) {
        String name = "./" + snapshot.relativize(file).toString().replace('\\', '/');
        if (Files.isDirectory(file)) {
          tar.putArchiveEntry(new TarArchiveEntry(name.endsWith("/") ? name : name + "/"));
        } else {
          TarArchiveEntry entry = new TarArchiveEntry(name);
          entry.setSize(Files.size(file));
          tar.putArchiveEntry(entry);
          Files.copy(file, tar);
        }
        tar.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public RemoteProcess start(String namespace, String pod, String container, List<String> command) {
    execs.add(new Exec(namespace, pod, container, command));
    if (!command.equals(BackupCommands.streamArchive())) {
      return finished(new byte[0]);
    }
    if (archiveFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new PodExecException("simulated: exec connection to " + pod + " reset");
    }
    return finished(archive());
  }

  private static RemoteProcess finished(byte[] stdout) {
    InputStream stream = new ByteArrayInputStream(stdout);
    return new RemoteProcess() {
      @Override
      public InputStream stdout() {
        return stream;
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
