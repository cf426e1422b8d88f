package cloud.hyperbyte.operator.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * The simulation's side of pod DNS for an operator in another JVM: {@code GET /member?host=<pod FQDN>}
 * answers the {@code 127.0.0.1:<port>} of the simulated member behind that name (404 when there is
 * none). Asked on every call, because a member restarted with other options listens elsewhere.
 */
final class MemberAddressBook implements AutoCloseable {

  private final HttpServer server;

  private MemberAddressBook(HttpServer server) {
    this.server = server;
  }

  /** Serves {@code addressOfHost} (e.g. {@code SimulatedCluster::loopbackAddressOfHost}) on a free loopback port. */
  static MemberAddressBook serve(UnaryOperator<String> addressOfHost) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.createContext("/member", exchange -> answer(exchange, addressOfHost));
    server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
      Thread thread = new Thread(runnable, "address-book");
      thread.setDaemon(true);
      return thread;
    }));
    server.start();
    return new MemberAddressBook(server);
  }

  /** The base URL to hand to the operator process. */
  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static void answer(HttpExchange exchange, UnaryOperator<String> addressOfHost) throws IOException {
    String query = exchange.getRequestURI().getRawQuery();
    String host = query != null && query.startsWith("host=")
        ? URLDecoder.decode(query.substring("host=".length()), StandardCharsets.UTF_8) : "";
    int status;
    byte[] body;
    try {
      body = addressOfHost.apply(host).getBytes(StandardCharsets.UTF_8);
      status = 200;
    } catch (RuntimeException e) {
      body = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
      status = 404;
    }
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
