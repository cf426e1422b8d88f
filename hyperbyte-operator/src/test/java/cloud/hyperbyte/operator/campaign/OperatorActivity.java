package cloud.hyperbyte.operator.campaign;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What the operator instances did to the outside world, each act stamped with the wall-clock
 * instant it was sent (the Lease's own timeline is on that clock): API writes (not Lease renewals)
 * and calls to members and proxy pods. Listeners are called on the sending thread, before the act.
 */
final class OperatorActivity {

  /** One act: {@code what} is {@code "PATCH /apis/apps/v1/..."} or {@code "member hdb-1..."}. */
  record Act(String instance, Instant sentAt, boolean apiWrite, String method, String what) {

    /** The API path without its query, for writes. */
    String path() {
      int query = what.indexOf('?');
      return query < 0 ? what : what.substring(0, query);
    }

    @Override
    public String toString() {
      return instance + " " + (apiWrite ? method + " " + path() : what);
    }
  }

  private final List<Consumer<Act>> listeners = new CopyOnWriteArrayList<>();

  void onAct(Consumer<Act> listener) {
    listeners.add(listener);
  }

  void apiWrite(String instance, String method, String path) {
    publish(new Act(instance, Instant.now(), true, method, path));
  }

  void memberCall(String instance, String target) {
    publish(new Act(instance, Instant.now(), false, "CALL", target));
  }

  private void publish(Act act) {
    listeners.forEach(listener -> listener.accept(act));
  }
}
