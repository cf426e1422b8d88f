package cloud.hyperbyte.operator.storage;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cloud.hyperbyte.reconcile.backup.ObjectStoreException;
import cloud.hyperbyte.reconcile.backup.S3Credentials;
import cloud.hyperbyte.reconcile.backup.S3Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store that refuses a write by answering 403 and closing the connection before it read the body
 * (as s3proxy does under load, and other S3-compatible servers do): the client sees a broken
 * transport, yet the failure must read as the refusal it is, not as a passing outage.
 */
class RefusedWriteTest {

  private ServerSocket server;
  private Thread acceptor;

  @BeforeEach
  void startRefusingStore() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try (Socket socket = server.accept()) {
          refuse(socket);
        } catch (IOException closedOrReset) {
          // the client gave up on this connection; take the next
        }
      }
    }, "refusing-store");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    acceptor.join();
  }

  /**
   * Reads the request head and, after a {@code 100 Continue} where one is expected, a little of the
   * body; then answers 403 AccessDenied (with an XML body unless HEAD) and resets the connection.
   */
  private static void refuse(Socket socket) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    String requestLine = in.readLine();
    socket.setSoTimeout(5_000); // never hang the test on a client that sends less than expected
    boolean expectsContinue = false;
    long contentLength = 0;
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      String header = line.toLowerCase(java.util.Locale.ROOT);
      expectsContinue |= header.startsWith("expect: 100-continue");
      if (header.startsWith("content-length:")) {
        contentLength = Long.parseLong(header.substring("content-length:".length()).trim());
      }
    }
    OutputStream out = socket.getOutputStream();
    if (expectsContinue) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
    if (contentLength > 0) {
      in.read(new char[64 << 10]); // a first piece of the body, as a server checking the signature would
    }
    boolean head = requestLine != null && requestLine.startsWith("HEAD ");
    String body = head ? "" : "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code>"
        + "<Message>Access Denied</Message></Error>";
    out.write(("HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nConnection: close\r\nContent-Length: "
        + (head ? 0 : body.getBytes(StandardCharsets.UTF_8).length) + "\r\n\r\n" + body)
        .getBytes(StandardCharsets.UTF_8));
    out.flush();
    socket.setSoLinger(true, 0); // reset rather than a graceful close: the unread body is discarded
  }

  @Test
  void aWriteRefusedBeforeItsBodyWasReadIsAccessDeniedNotAnOutage() {
    S3Settings settings = new S3Settings("backups", "", "us-east-1",
        Optional.of("http://127.0.0.1:" + server.getLocalPort()), true, Optional.of("s3-creds"));
    try (S3ObjectStore store = new S3ObjectStoreFactory().open(settings,
        Optional.of(new S3Credentials("key", "wrong")))) {
      assertThatThrownBy(() -> store.put("x", new byte[4 << 20]))
          .isInstanceOfSatisfying(ObjectStoreException.class, e -> {
            org.assertj.core.api.Assertions.assertThat(e.reason()).as(e.getMessage())
                .isEqualTo(ObjectStoreException.Reason.ACCESS_DENIED);
            org.assertj.core.api.Assertions.assertThat(e.reason().transientFailure()).isFalse();
          });
    }
  }
}
