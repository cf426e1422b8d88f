package cloud.hyperbyte.operator.database;

import cloud.hyperbyte.reconcile.port.DatabaseCallException;
import cloud.hyperbyte.reconcile.port.MemberAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Calls every member at once, so the time to observe a cluster is that of its slowest answer (at
 * most one request timeout), not their sum, and a stalled pod does not delay what the others say.
 */
public final class ParallelMemberCalls implements AutoCloseable {

  /** One call on one member. */
  @FunctionalInterface
  public interface MemberCall<T> {
    T call(MemberAddress member) throws DatabaseCallException;
  }

  /** A member's answer or the reason there is none. */
  public record Outcome<T>(T value, DatabaseCallException failure) {
    public boolean succeeded() {
      return failure == null;
    }
  }

  private final ExecutorService executor;

  public ParallelMemberCalls(int threads) {
    this.executor = Executors.newFixedThreadPool(threads, runnable -> {
      Thread thread = new Thread(runnable, "member-calls");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts {@code call} on every member; each future completes with that member's outcome. */
  public <T> Map<MemberAddress, CompletableFuture<Outcome<T>>> start(List<MemberAddress> members, MemberCall<T> call) {
    Map<MemberAddress, CompletableFuture<Outcome<T>>> futures = new LinkedHashMap<>();
    for (MemberAddress member : members) {
      futures.put(member, CompletableFuture.supplyAsync(() -> {
        try {
          return new Outcome<>(call.call(member), null);
        } catch (DatabaseCallException e) {
          return new Outcome<T>(null, e);
        }
      }, executor));
    }
    return futures;
  }

  /** Calls every member and waits for all outcomes, in member order. */
  public <T> Map<MemberAddress, Outcome<T>> callAll(List<MemberAddress> members, MemberCall<T> call) {
    Map<MemberAddress, Outcome<T>> outcomes = new LinkedHashMap<>();
    start(members, call).forEach((member, future) -> {
      try {
        outcomes.put(member, future.join());
      } catch (CompletionException e) {
        throw new IllegalStateException("member call failed unexpectedly", e.getCause());
      }
    });
    return outcomes;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
