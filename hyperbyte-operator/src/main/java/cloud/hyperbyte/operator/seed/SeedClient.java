package cloud.hyperbyte.operator.seed;

import cloud.hyperbyte.operator.step.StepFailedException;
import cloud.hyperbyte.operator.storage.TarUnpack;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The work of {@code hyperbyte seed-fetch}: connects to the source pod (retrying while it still
 * backs up and does not listen yet), presents the token, unpacks the archive into the output
 * directory and checks it against the source's byte count and SHA-256. On any failure the output
 * is removed, so the restore step never sees a partial backup. Over a TLS {@link SeedChannel} it
 * sends the token only after the source proved its certificate; a source the CA did not sign is a
 * final failure (another attempt would meet the same certificate).
 */
public final class SeedClient {

  /** What was fetched. */
  public record Fetched(long archiveBytes, String sha256, int entries) {}

  /** Why the fetch failed; {@link #transientFailure} when another attempt may work. */
  public static final class FetchFailedException extends StepFailedException {
    FetchFailedException(String message, boolean transientFailure, Throwable cause) {
      super(message, transientFailure, cause);
    }
  }

  private static final Duration RETRY = Duration.ofSeconds(1);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final Clock clock;
  private final SeedChannel channel;

  /** A client on {@code channel}. */
  public SeedClient(Clock clock, SeedChannel channel) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  /** A client on plain TCP. */
  public SeedClient(Clock clock) {
    this(clock, SeedChannel.plain());
  }

  /** Fetches from {@code host:port} into {@code output} (created; must be absent or empty). */
  public Fetched fetch(String hostPort, String token, Path output, Duration connectWithin) throws FetchFailedException {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new FetchFailedException("source " + hostPort + " is not HOST:PORT", false, null);
    }
    String host = hostPort.substring(0, colon);
    int port = Integer.parseInt(hostPort.substring(colon + 1));
    prepare(output);
    try (Socket socket = channel.open(connect(host, port, connectWithin), host, port)) {
      SeedProtocol.writeLine(socket.getOutputStream(), SeedProtocol.HELLO + token);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
      String answer = SeedProtocol.readLine(in);
      if (!SeedProtocol.OK.equals(answer)) {
        throw new FetchFailedException("the source refused the token (" + answer + ")", false, null);
      }
      SeedProtocol.FramedInput archive = new SeedProtocol.FramedInput(in);
      int entries = TarUnpack.unpack(archive, output);
      archive.finish();
      return new Fetched(archive.count(), archive.sha256Hex(), entries);
    } catch (FetchFailedException e) {
      TarUnpack.deleteQuietly(output);
      throw e;
    } catch (TarUnpack.UnsafeEntryException | SeedProtocol.CorruptArchiveException | SeedChannel.UntrustedSourceException e) {
      TarUnpack.deleteQuietly(output);
      throw new FetchFailedException(e.getMessage(), false, e);
    } catch (IOException e) {
      TarUnpack.deleteQuietly(output);
      throw new FetchFailedException("fetching from " + hostPort + " failed: " + e, true, e);
    }
  }

  private Socket connect(String host, int port, Duration within) throws FetchFailedException {
    Instant deadline = clock.instant().plus(within);
    while (true) {
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
        return socket;
      } catch (SocketTimeoutException | UnknownHostException | SocketException notYet) {
        closeQuietly(socket);
        if (!clock.instant().plus(RETRY).isBefore(deadline)) {
          throw new FetchFailedException("source " + host + ":" + port + " did not answer within "
              + within.toSeconds() + " s: " + notYet.getMessage(), true, notYet);
        }
        sleep(RETRY);
      } catch (IOException e) {
        closeQuietly(socket);
        throw new FetchFailedException("cannot connect to " + host + ":" + port + ": " + e.getMessage(), true, e);
      }
    }
  }

  private static void prepare(Path output) throws FetchFailedException {
    try {
      Files.createDirectories(output);
      try (Stream<Path> existing = Files.list(output)) {
        if (existing.findAny().isPresent()) {
          throw new FetchFailedException("output directory " + output + " is not empty", false, null);
        }
      }
    } catch (IOException e) {
      throw new FetchFailedException("cannot prepare " + output + ": " + e.getMessage(), false, e);
    }
  }

  private static void sleep(Duration duration) throws FetchFailedException {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchFailedException("interrupted", true, e);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
