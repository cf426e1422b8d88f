package cloud.hyperbyte.testkit.db;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * The event loops every simulated member's HTTP listener runs on: two threads for any number of
 * members (a JDK {@code HttpServer} per member kept a dispatcher and a timer thread each, six
 * thousand threads for a thousand three-member clusters). Started by the first bound listener and
 * stopped when the last one unbinds, so a test leaves no threads behind.
 */
final class SharedEventLoops {

  private static Vertx vertx;
  private static int users;

  private SharedEventLoops() {}

  static synchronized Vertx acquire() {
    if (users++ == 0) {
      vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(1)
          .setInternalBlockingPoolSize(1));
    }
    return vertx;
  }

  static synchronized void release() {
    if (users > 0 && --users == 0) {
      Vertx stopping = vertx;
      vertx = null;
      stopping.close();
    }
  }
}
