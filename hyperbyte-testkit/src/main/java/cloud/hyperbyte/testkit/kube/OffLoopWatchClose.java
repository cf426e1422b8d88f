package cloud.hyperbyte.testkit.kube;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A watch's WebSocket listener whose close handling runs off the server's event loop. The stock
 * listener, on close, waits up to a minute for its event sender; a send in flight waits for its
 * write, which only the (now waiting) event loop can complete: with a watch event in flight when a
 * client goes away (an operator killed in a test), every request stalled for 30 s.
 */
final class OffLoopWatchClose extends WebSocketListener {

  private static final ExecutorService CLOSER = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "simulated-api-watch-close");
    thread.setDaemon(true);
    return thread;
  });

  private final WebSocketListener delegate;

  OffLoopWatchClose(WebSocketListener delegate) {
    this.delegate = delegate;
  }

  @Override
  public void onBeforeAccept(WebSocket webSocket, Response response) {
    delegate.onBeforeAccept(webSocket, response);
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    delegate.onOpen(webSocket, response);
  }

  @Override
  public void onMessage(WebSocket webSocket, String text) {
    delegate.onMessage(webSocket, text);
  }

  @Override
  public void onMessage(WebSocket webSocket, ByteString bytes) {
    delegate.onMessage(webSocket, bytes);
  }

  @Override
  public void onMessage(WebSocket webSocket, byte[] bytes) {
    delegate.onMessage(webSocket, bytes);
  }

  @Override
  public void onPing(WebSocket webSocket, byte[] bytes) {
    delegate.onPing(webSocket, bytes);
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    delegate.onClosing(webSocket, code, reason);
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    CLOSER.execute(() -> delegate.onClosed(webSocket, code, reason));
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
    CLOSER.execute(() -> delegate.onFailure(webSocket, failure, response));
  }
}
