package cloud.hyperbyte.operator.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A directory as an uncompressed tar stream, written by a thread of its own into a pipe as it is
 * read: memory stays at the pipe's buffer whatever the directory's size. Entries are named like
 * {@code tar -C DIR -cf - .} names them ({@code ./}, {@code ./wal/}, …, in name order), so the
 * restore's fetch step unpacks both alike. A file that vanishes or cannot be read while it is
 * archived (a chDB merge removed a part) fails the read with that {@link IOException}.
 */
public final class DirectoryTar {

  private static final int PIPE_BUFFER = 1 << 20;

  private DirectoryTar() {}

  /** Starts archiving {@code directory}; the caller reads the stream to its end and closes it. */
  public static InputStream stream(Path directory) throws IOException {
    PipedInputStream in = new PipedInputStream(PIPE_BUFFER);
    PipedOutputStream out = new PipedOutputStream(in);
    Failing failing = new Failing(in);
    Thread writer = new Thread(() -> {
      try {
        write(directory, out);
      } catch (IOException | RuntimeException e) {
        failing.fail(e); // before the close: the reader must never take the end for a complete archive
      } finally {
        try {
          out.close();
        } catch (IOException ignored) {
          // the reader is gone
        }
      }
    }, "directory-tar");
    writer.setDaemon(true);
    writer.start();
    return failing;
  }

  /** Writes the tar of {@code directory} to {@code out} (not closed). */
  public static void write(Path directory, OutputStream out) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    List<Path> paths;
    try (Stream<Path> tree = Files.walk(directory)) {
      paths = tree.sorted().toList();
    }
    byte[] buffer = new byte[64 * 1024];
    for (Path path : paths) {
      String relative = directory.relativize(path).toString().replace('\\', '/');
      String name = relative.isEmpty() ? "./" : "./" + relative;
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        entry.setModTime(Files.getLastModifiedTime(path).toMillis());
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
      } else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        TarArchiveEntry entry = new TarArchiveEntry(path.toFile(), name);
        entry.setName(name);
        tar.putArchiveEntry(entry);
        try (InputStream file = Files.newInputStream(path)) {
          long expected = entry.getSize();
          long copied = 0;
          int read;
          while (copied < expected && (read = file.read(buffer, 0, (int) Math.min(buffer.length, expected - copied))) > 0) {
            tar.write(buffer, 0, read);
            copied += read;
          }
          if (copied != expected) {
            throw new IOException(relative + " shrank from " + expected + " to " + copied + " bytes while archived");
          }
        }
        tar.closeArchiveEntry();
      } else if (Files.isSymbolicLink(path)) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        entry.setLinkName(Files.readSymbolicLink(path).toString());
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
      }
    }
    tar.finish();
    tar.flush();
  }

  /** The pipe's reading end, failing with the writer's error instead of a bare end of stream. */
  private static final class Failing extends java.io.FilterInputStream {
    private volatile Throwable failure;

    Failing(InputStream in) {
      super(in);
    }

    void fail(Throwable cause) {
      failure = cause;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      check(b < 0);
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n;
      try {
        n = in.read(buffer, offset, length);
      } catch (IOException e) {
        check(true);
        throw e;
      }
      check(n < 0);
      return n;
    }

    private void check(boolean ended) throws IOException {
      Throwable cause = failure;
      if (ended && cause != null) {
        throw cause instanceof IOException io ? io : new IOException(cause.toString(), cause);
      }
    }
  }
}
