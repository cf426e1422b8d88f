package cloud.hyperbyte.operator.campaign;

import cloud.hyperbyte.operator.e2e.OperatorImageProgram;
import cloud.hyperbyte.operator.e2e.SeedRouting;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import cloud.hyperbyte.testkit.cluster.TimeDriver;
import cloud.hyperbyte.testkit.db.ManualTime;
import cloud.hyperbyte.testkit.db.SimulatedTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One seed, end to end: a simulated cluster on simulated time (driven at about real speed, so
 * real-time parts such as HTTP timeouts and the Lease keep pace), one or two operator instances,
 * the invariant checkers, then the schedule's steps at their simulated times, the end of every
 * fault, and the wait for convergence.
 */
final class CampaignRun {

  /** What a run found. */
  record Result(Schedule schedule, List<Trace.Violation> violations, Map<String, Integer> faults,
      Map<String, Long> checks, Duration simulated, Duration wall, Trace trace) {

    /** The report of a failing seed: its schedule, then each violation with the trace around it. */
    String report() {
      StringBuilder out = new StringBuilder(schedule.print());
      for (Trace.Violation violation : violations) {
        out.append("\nVIOLATED ").append(violation.invariant()).append(": ").append(violation.message())
            .append("\n--- trace around it ---\n").append(trace.around(violation)).append('\n');
      }
      return out.toString();
    }
  }

  private static final Instant EPOCH = Instant.parse("2026-08-01T00:00:00Z");
  /**
   * Simulated time moves 20 ms per 10 ms tick of real time (at most twice real speed); on a loaded
   * machine the ticks come late and simulated time moves slower, so bounds on it do not tighten.
   */
  private static final Duration STEP = Duration.ofMillis(20);
  private static final Duration TICK = Duration.ofMillis(10);

  private CampaignRun() {}

  /** Waits until {@code at} of the run's simulated time, ending faults whose time is up meanwhile. */
  private static void waitUntil(Duration at, Trace trace, FaultInjector injector) throws InterruptedException {
    while (trace.elapsed().compareTo(at) < 0) {
      injector.endDue();
      Thread.sleep(10);
    }
  }

  /** A step that fails (e.g. an edit of a deleted cluster) is recorded and the run goes on, as a user would. */
  private static void perform(Action action, UserActions user, FaultInjector injector, Trace trace) {
    try {
      if (action instanceof Action.UserOperation operation) {
        user.perform(operation);
      } else {
        injector.inject(action);
      }
    } catch (RuntimeException e) {
      trace.log("step failed: " + e);
    }
  }

  private static SimulatedCluster remember(AtomicReference<SimulatedCluster> holder, SimulatedCluster cluster) {
    holder.set(cluster);
    return cluster;
  }

  static Result run(long seed) throws Exception {
    Schedule schedule = ScheduleGenerator.generate(seed);
    long wallStart = System.nanoTime();
    ManualTime time = SimulatedTime.manual(EPOCH);
    Map<String, Integer> faults = new TreeMap<>();
    // the seed pods' routing reads pod IPs through the cluster it is part of, so it learns the cluster once started
    AtomicReference<SimulatedCluster> started = new AtomicReference<>();
    OperatorImageProgram image = new OperatorImageProgram();
    try (SimulatedCluster cluster = remember(started, SimulatedCluster.builder().time(time).faultSeed(seed)
            .databaseOptions(o -> o.withStartupDuration(Duration.ofMillis(300)).withDrainAckTimeout(Duration.ofSeconds(3)))
            .proxyIntervals(Duration.ofMillis(500), Duration.ofMillis(200))
            .containerProgram(Storage.OPERATOR_IMAGE::equals,
                new SeedRouting(image, image, () -> started.get().observerClient())).start());
         TimeDriver driver = TimeDriver.start(time, STEP, TICK)) {
      Trace trace = new Trace(cluster.clock());
      UserIntent intent = new UserIntent(schedule.replicas());
      OperatorActivity activity = new OperatorActivity();
      try (Storage storage = new Storage(cluster.observerClient(), seed);
           OperatorPool operators = new OperatorPool(cluster, activity, trace);
           LeaseHolderInvariant lease = new LeaseHolderInvariant(cluster.observerClient(), activity, trace);
           PausedWritesInvariant paused = new PausedWritesInvariant(cluster.observerClient(), activity, trace);
           RunningVersionInvariant version = new RunningVersionInvariant(cluster.observerClient(), trace);
           VoterClaimInvariant claims = new VoterClaimInvariant(cluster, intent, trace);
           RestoreVolumeInvariant restores = new RestoreVolumeInvariant(cluster, intent, trace);
           SnapshotInvariant snapshots = new SnapshotInvariant(cluster, storage, trace)) {
        new DisruptionInvariant(cluster, intent, trace);
        new Node1RaftInvariant(cluster, intent, trace);
        operators.startOne();
        if (schedule.twoOperators()) {
          operators.startOne();
        }
        FaultInjector injector = new FaultInjector(cluster, operators, storage, intent, trace);
        UserActions user = new UserActions(cluster.observerClient(), intent, storage, trace);
        user.create(schedule);
        Duration created = trace.elapsed();
        for (Step step : schedule.steps()) {
          waitUntil(created.plus(step.at()), trace, injector);
          trace.log("STEP " + step.action());
          faults.merge(step.action().kind(), 1, Integer::sum);
          perform(step.action(), user, injector, trace);
        }
        waitUntil(created.plus(schedule.faultsEnd()), trace, injector);
        injector.endAll();
        trace.log("faults ended");
        new Convergence(cluster, intent, trace).await();
        lease.judgeRemaining();
        snapshots.checkBucket();
        Duration simulated = trace.elapsed();
        return new Result(schedule, trace.violations(), faults, trace.checks(), simulated,
            Duration.ofNanos(System.nanoTime() - wallStart), trace);
      }
    }
  }
}
