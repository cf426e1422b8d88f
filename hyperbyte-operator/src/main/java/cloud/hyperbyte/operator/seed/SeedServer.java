package cloud.hyperbyte.operator.seed;

import cloud.hyperbyte.operator.step.StepFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The work of {@code hyperbyte seed-serve}: listens until one client presents the token, streams
 * the backup directory to it as a tar (see {@link SeedProtocol}), and stops. A client with a wrong
 * token is turned away and the server keeps waiting; nobody else ever gets the data, and nothing is
 * served twice. Over a TLS {@link SeedChannel} the token and the data travel encrypted, and a client
 * that fails the handshake is turned away as one with a wrong token.
 */
public final class SeedServer {

  /** What was served. */
  public record Served(String client, long archiveBytes, String sha256, int entries) {}

  /** Why nothing was served. */
  public static final class ServeFailedException extends StepFailedException {
    ServeFailedException(String message, Throwable cause) {
      // the seed decision starts a new attempt with new pods; nothing here is worth retrying in place
      super(message, false, cause);
    }
  }

  private static final Duration HELLO_TIMEOUT = Duration.ofSeconds(10);

  private final Clock clock;
  private final Consumer<String> log;
  private final SeedChannel channel;

  /** A server on {@code channel}. */
  public SeedServer(Clock clock, Consumer<String> log, SeedChannel channel) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.log = Objects.requireNonNull(log, "log");
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  /** A server on plain TCP. */
  public SeedServer(Clock clock, Consumer<String> log) {
    this(clock, log, SeedChannel.plain());
  }

  /**
   * Binds {@code port} (0: any; {@code bound} is told the port) and serves {@code input} to the
   * first client presenting {@code token}, waiting at most {@code wait} for it.
   */
  public Served serve(Path input, int port, String token, Duration wait, Consumer<Integer> bound)
      throws ServeFailedException {
    if (!Files.isDirectory(input)) {
      throw new ServeFailedException("no backup directory " + input, null);
    }
    Instant deadline = clock.instant().plus(wait);
    try (ServerSocket server = channel.serverSocket()) {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(port));
      bound.accept(server.getLocalPort());
      log.accept("serving " + input + " on port " + server.getLocalPort() + " (" + channel.description()
          + ") to one client");
      while (true) {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
          throw new ServeFailedException("no client presented the token within " + wait.toSeconds() + " s", null);
        }
        server.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, left.toMillis())));
        Socket socket;
        try {
          socket = server.accept();
        } catch (SocketTimeoutException idle) {
          continue;
        }
        try (socket) {
          Served served = answer(socket, input, token);
          if (served != null) {
            return served;
          }
        } catch (IOException e) {
          // the one client broke the connection mid-stream: its attempt failed, so does this one
          throw new ServeFailedException("sending to " + socket.getRemoteSocketAddress() + " failed: " + e.getMessage(), e);
        }
      }
    } catch (IOException e) {
      throw new ServeFailedException("cannot listen on port " + port + ": " + e.getMessage(), e);
    }
  }

  /** The served archive, or null when the client was turned away. */
  private Served answer(Socket socket, Path input, String token) throws IOException {
    String client = String.valueOf(socket.getRemoteSocketAddress());
    socket.setSoTimeout((int) HELLO_TIMEOUT.toMillis());
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    String hello;
    try {
      hello = SeedProtocol.readLine(in);
    } catch (IOException garbled) {
      log.accept("turned away " + client + ": " + garbled.getMessage());
      return null;
    }
    if (!hello.startsWith(SeedProtocol.HELLO)
        || !SeedProtocol.sameToken(token, hello.substring(SeedProtocol.HELLO.length()))) {
      log.accept("turned away " + client + ": wrong token");
      SeedProtocol.writeLine(out, SeedProtocol.DENIED);
      return null;
    }
    socket.setSoTimeout(0);
    SeedProtocol.writeLine(out, SeedProtocol.OK);
    SeedProtocol.FramedOutput framed = new SeedProtocol.FramedOutput(new java.io.BufferedOutputStream(out, 1 << 16));
    int entries = pack(input, framed);
    framed.close();
    socket.shutdownOutput();
    // wait for the client to close: its unpacking is done when it does
    in.transferTo(OutputStream.nullOutputStream());
    log.accept("served " + framed.count() + " bytes to " + client);
    return new Served(client, framed.count(), framed.finalSha256Hex(), entries);
  }

  /** Writes {@code root}'s tree as a tar (POSIX long names and big numbers); symbolic links stay links. */
  static int pack(Path root, OutputStream out) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(root)) {
      paths = walk.filter(p -> !p.equals(root)).sorted().toList();
    }
    for (Path path : paths) {
      String name = root.relativize(path).toString().replace('\\', '/');
      TarArchiveEntry entry;
      if (Files.isSymbolicLink(path)) {
        entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        entry.setLinkName(Files.readSymbolicLink(path).toString());
      } else {
        entry = new TarArchiveEntry(path.toFile(), name);
      }
      tar.putArchiveEntry(entry);
      if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        Files.copy(path, tar);
      }
      tar.closeArchiveEntry();
    }
    tar.finish();
    return paths.size();
  }
}
