package cloud.hyperbyte.testkit.kube;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.WebSocket;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The open watch connections of the simulated API, to cut them as a restarting API server or a
 * dropped connection would. The stock mock keeps them private (fabric8 8.0.0: the dispatcher's
 * {@code watchEventListeners}, each holding its {@code webSocketRef}), so they are reached by
 * reflection; {@code WatchConnectionsTest} fails when fabric8 renames them.
 */
final class WatchConnections {

  /** Close code of a server going away (RFC 6455 §7.4.1). */
  private static final int GOING_AWAY = 1001;

  private final KubernetesCrudDispatcher store;

  WatchConnections(KubernetesCrudDispatcher store) {
    this.store = store;
  }

  /**
   * Closes every open watch whose client is not the testkit's own (its controllers, kubelet and
   * observer keep theirs); returns how many were closed. Clients see the connection end and watch
   * again from their last resourceVersion.
   */
  int closeClientWatches() {
    int closed = 0;
    for (WebSocket socket : openSockets()) {
      String userAgent = socket.request() == null ? null : socket.request().getHeader("User-Agent");
      if (userAgent != null && userAgent.startsWith(SimulatedApiDispatcher.CONTROLLER_USER_AGENT)) {
        continue;
      }
      if (socket.close(GOING_AWAY, "watch closed by the simulated API")) {
        closed++;
      }
    }
    return closed;
  }

  private List<WebSocket> openSockets() {
    try {
      Field listenersField = KubernetesCrudDispatcher.class.getDeclaredField("watchEventListeners");
      listenersField.setAccessible(true);
      Set<?> listeners = (Set<?>) listenersField.get(store);
      List<WebSocket> sockets = new ArrayList<>();
      synchronized (listeners) {
        for (Object listener : List.copyOf(listeners)) {
          Field socketField = listener.getClass().getDeclaredField("webSocketRef");
          socketField.setAccessible(true);
          WebSocket socket = ((AtomicReference<WebSocket>) socketField.get(listener)).get();
          if (socket != null) {
            sockets.add(socket);
          }
        }
      }
      return sockets;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("fabric8's mock server no longer keeps its watches where the testkit looks", e);
    }
  }
}
