package cloud.hyperbyte.operator.campaign;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder in front of the run's S3 server that can fail what passes through it: every S3
 * client of the run (the operator's uploads and deletes, the restore pods' {@code restore-fetch})
 * addresses this endpoint, so a fault hits whichever of them connects while it lasts. Forwarding
 * bytes unchanged keeps the clients' request signatures valid (they sign the host they address).
 *
 * <p>A fault acts per connection, from the request head on: an error answers it with an S3 error
 * status and closes; a hang holds it without an answer for a while, then closes (the client's
 * timeout or a broken connection). Injecting a fault cuts the open connections, so the clients'
 * pooled keep-alive connections reconnect through it. Which connection a probability draw hits
 * depends on the run's thread interleaving; the draws come from a {@link Random} of the seed.
 */
final class S3FaultProxy implements AutoCloseable {

  /** What the proxy does to a new connection. */
  private record Fault(int status, Duration hang, double p) {}

  private final int target;
  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "campaign-s3-proxy");
    thread.setDaemon(true);
    return thread;
  });
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Random random;
  private final AtomicInteger hits = new AtomicInteger();
  private volatile Fault fault;

  S3FaultProxy(int targetPort, long seed) throws IOException {
    this.target = targetPort;
    this.random = new Random(seed);
    this.server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /** The endpoint the run's backups name. */
  String endpoint() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** From now on a new connection is answered with {@code status} with probability {@code p}. */
  void failWith(int status, double p) {
    start(new Fault(status, Duration.ZERO, p));
  }

  /** From now on a new connection is held unanswered for {@code hang} with probability {@code p}. */
  void hang(Duration hang, double p) {
    start(new Fault(0, hang, p));
  }

  /** Ends the fault; returns how many connections it hit. */
  int heal() {
    fault = null;
    return hits.getAndSet(0);
  }

  private void start(Fault next) {
    hits.set(0);
    fault = next;
    open.forEach(S3FaultProxy::closeQuietly); // pooled connections come back through the fault
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        open.add(client);
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    Fault current = fault;
    boolean hit;
    synchronized (random) {
      hit = current != null && random.nextDouble() < current.p();
    }
    try {
      if (hit) {
        hits.incrementAndGet();
        injure(client, current);
        return;
      }
      try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target)) {
        open.add(upstream);
        threads.execute(() -> pump(upstream, client));
        pump(client, upstream);
      }
    } catch (IOException | InterruptedException e) {
      // a client or the server hung up, or a fault cut the connection: the client sees a broken connection
    } finally {
      closeQuietly(client);
      open.remove(client);
    }
  }

  private static void injure(Socket client, Fault fault) throws IOException, InterruptedException {
    readHead(client.getInputStream());
    if (fault.status() == 0) {
      Thread.sleep(fault.hang().toMillis());
      return;
    }
    String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + (fault.status() == 503 ? "SlowDown"
        : "InternalError") + "</Code><Message>injected by the fault campaign</Message></Error>";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    OutputStream out = client.getOutputStream();
    out.write(("HTTP/1.1 " + fault.status() + " Injected\r\nContent-Type: application/xml\r\nContent-Length: "
        + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }

  /** Reads up to the end of the request head (the body, if any, is left unread). */
  private static void readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      byte[] sofar = head.toByteArray();
      int n = sofar.length;
      if (n >= 4 && sofar[n - 4] == '\r' && sofar[n - 3] == '\n' && sofar[n - 2] == '\r' && sofar[n - 1] == '\n') {
        return;
      }
      if (n > 64 * 1024) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // either side went away
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      open.remove(from);
      open.remove(to);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    open.forEach(S3FaultProxy::closeQuietly);
    threads.shutdownNow();
  }
}
