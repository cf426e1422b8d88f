package cloud.hyperbyte.operator.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A keyed work queue: each key is reconciled by at most one worker at a time; a key added while
 * pending is not queued twice (the earlier due time wins); a key added while it runs is run once
 * more afterwards; a failure is retried with {@link Backoff} and no event can bring that retry
 * forward (so a failing key cannot spin on the events its own writes cause); a successful
 * reconcile may ask to run again at a time.
 *
 * <p>At most {@code workers} keys run at once, on the given executor. Dispatch only happens while
 * the queue is {@linkplain #start() started}, so keys collected while not leading wait. Time comes
 * from the injected {@link Scheduler}.
 */
public final class WorkQueue<K> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);

  private final KeyHandler<K> handler;
  private final int workers;
  private final Backoff backoff;
  private final Scheduler scheduler;
  private final Executor executor;

  private final Object lock = new Object();
  private final Map<K, KeyState> states = new HashMap<>();
  private final TreeSet<Pending<K>> pending =
      new TreeSet<>(Comparator.<Pending<K>, Instant>comparing(Pending::due).thenComparingLong(Pending::seq));
  private long sequence;
  private int running;
  private boolean started;
  private boolean closed;
  private Scheduler.Scheduled wake;
  private Instant wakeAt;
  private volatile java.util.function.Consumer<Duration> waitListener = wait -> { };

  /**
   * @param handler  reconciles one key
   * @param workers  how many keys may run at once (>= 1)
   * @param backoff  retry delays after failures
   * @param scheduler time and timers
   * @param executor runs the reconciles; it must have at least {@code workers} threads (or queue tasks)
   */
  public WorkQueue(KeyHandler<K> handler, int workers, Backoff backoff, Scheduler scheduler, Executor executor) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, was " + workers);
    }
    this.handler = Objects.requireNonNull(handler, "handler");
    this.workers = workers;
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /** Queues {@code key} to run as soon as possible (unless it is backing off after a failure). */
  public void add(K key) {
    requeueAt(key, scheduler.now());
  }

  /** Queues {@code key} to run at {@code at}, or earlier if it is already due earlier. */
  public void requeueAt(K key, Instant at) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(at, "at");
    List<Runnable> toRun;
    synchronized (lock) {
      if (closed) {
        return;
      }
      KeyState state = states.computeIfAbsent(key, k -> new KeyState());
      Instant due = state.notBefore != null && state.notBefore.isAfter(at) ? state.notBefore : at;
      if (state.running) {
        state.dueAfterRun = earliest(state.dueAfterRun, due);
      } else {
        enqueue(key, state, due);
      }
      toRun = dispatch();
    }
    toRun.forEach(executor::execute);
  }

  /** Tells {@code listener} how long each key waited from when it was due until a worker took it. */
  public void onWait(java.util.function.Consumer<Duration> listener) {
    this.waitListener = Objects.requireNonNull(listener, "listener");
  }

  /** Starts dispatching (on gaining leadership). Keys added before wait until now. */
  public void start() {
    List<Runnable> toRun;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("queue is closed");
      }
      started = true;
      toRun = dispatch();
    }
    toRun.forEach(executor::execute);
  }

  /** Stops dispatching new reconciles (on losing leadership); running ones finish, pending keys stay. */
  public void pause() {
    synchronized (lock) {
      started = false;
      cancelWake();
    }
  }

  /** Keys waiting to run (due now or later), not counting the running ones. */
  public int depth() {
    synchronized (lock) {
      return pending.size();
    }
  }

  /** Keys due now or overdue, not counting the running ones and those waiting for a later time. */
  public int dueNow() {
    synchronized (lock) {
      Instant now = scheduler.now();
      return (int) pending.stream().takeWhile(p -> !p.due().isAfter(now)).count();
    }
  }

  /** Keys being reconciled right now. */
  public int running() {
    synchronized (lock) {
      return running;
    }
  }

  /**
   * Why the queue does not make progress, if it does not: a reconcile has run longer than {@code
   * bound} (a worker is stuck), or, while dispatching, a key has been due for longer than {@code
   * bound} without being taken (the queue does not drain). The liveness of the process.
   */
  public java.util.Optional<String> stall(Duration bound) {
    synchronized (lock) {
      Instant limit = scheduler.now().minus(bound);
      java.util.Optional<String> stuck = states.entrySet().stream()
          .filter(e -> e.getValue().running && e.getValue().runningSince.isBefore(limit))
          .map(e -> "reconcile of " + e.getKey() + " running since " + e.getValue().runningSince)
          .findFirst();
      if (stuck.isPresent()) {
        return stuck;
      }
      if (started && !pending.isEmpty() && pending.first().due().isBefore(limit)) {
        return java.util.Optional.of(pending.first().key() + " due since " + pending.first().due() + " and not taken");
      }
      return java.util.Optional.empty();
    }
  }

  /** When {@code key} is next due, if it is pending. */
  public java.util.Optional<Instant> dueTime(K key) {
    synchronized (lock) {
      KeyState state = states.get(key);
      return state == null || state.pending == null
          ? java.util.Optional.empty()
          : java.util.Optional.of(state.pending.due());
    }
  }

  /**
   * Stops the queue: no more dispatches, pending keys are dropped, and this waits up to
   * {@code grace} for running reconciles to finish.
   *
   * @return whether every running reconcile finished within {@code grace}
   */
  public boolean shutdown(Duration grace) throws InterruptedException {
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (lock) {
      closed = true;
      started = false;
      cancelWake();
      pending.clear();
      states.values().forEach(s -> s.pending = null);
      while (running > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  @Override
  public void close() throws InterruptedException {
    shutdown(Duration.ZERO);
  }

  private void run(K key) {
    ReconcileResult result = null;
    Throwable failure = null;
    try {
      result = handler.handle(key);
    } catch (Throwable t) {
      failure = t;
    }
    List<Runnable> toRun;
    synchronized (lock) {
      finish(key, result, failure);
      toRun = dispatch();
      lock.notifyAll();
    }
    toRun.forEach(executor::execute);
  }

  private void finish(K key, ReconcileResult result, Throwable failure) {
    KeyState state = states.get(key);
    state.running = false;
    running--;
    if (closed) {
      states.remove(key);
      return;
    }
    Instant next = state.dueAfterRun;
    state.dueAfterRun = null;
    if (failure != null) {
      state.failures++;
      Duration delay = backoff.delay(state.failures);
      state.notBefore = scheduler.now().plus(delay);
      LOG.warn("reconcile of {} failed ({} in a row), retrying in {}: {}",
          key, state.failures, delay, String.valueOf(failure), failure);
      next = state.notBefore;
    } else {
      state.failures = 0;
      state.notBefore = null;
      if (result != null && result.requeueAt().isPresent()) {
        next = earliest(next, result.requeueAt().get());
      }
    }
    if (next != null) {
      enqueue(key, state, next);
    } else {
      states.remove(key);
    }
  }

  private void enqueue(K key, KeyState state, Instant due) {
    if (state.pending != null) {
      if (!due.isBefore(state.pending.due())) {
        return;
      }
      pending.remove(state.pending);
    }
    state.pending = new Pending<>(key, due, sequence++);
    pending.add(state.pending);
  }

  /** Takes due keys while workers are free; re-arms the timer for the next due key. Holds the lock. */
  private List<Runnable> dispatch() {
    List<Runnable> toRun = new ArrayList<>();
    if (!started) {
      return toRun;
    }
    Instant now = scheduler.now();
    while (running < workers && !pending.isEmpty() && !pending.first().due().isAfter(now)) {
      Pending<K> next = pending.pollFirst();
      KeyState state = states.get(next.key());
      state.pending = null;
      state.running = true;
      state.runningSince = now;
      running++;
      waitListener.accept(Duration.between(next.due(), now));
      K key = next.key();
      toRun.add(() -> run(key));
    }
    armWake();
    return toRun;
  }

  private void armWake() {
    Instant first = pending.isEmpty() || running >= workers ? null : pending.first().due();
    if (first == null) {
      cancelWake();
      return;
    }
    if (first.equals(wakeAt)) {
      return;
    }
    cancelWake();
    wakeAt = first;
    wake = scheduler.schedule(first, this::onWake);
  }

  private void onWake() {
    List<Runnable> toRun;
    synchronized (lock) {
      wakeAt = null;
      wake = null;
      toRun = dispatch();
    }
    toRun.forEach(executor::execute);
  }

  private void cancelWake() {
    if (wake != null) {
      wake.cancel();
    }
    wake = null;
    wakeAt = null;
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  private record Pending<K>(K key, Instant due, long seq) {}

  private final class KeyState {
    Pending<K> pending;
    boolean running;
    Instant runningSince;
    Instant dueAfterRun;
    int failures;
    Instant notBefore;
  }
}
