package cloud.hyperbyte.operator.campaign;

import cloud.hyperbyte.operator.campaign.Action.ApiError;
import cloud.hyperbyte.operator.campaign.Action.ApiTimeout;
import cloud.hyperbyte.operator.campaign.Action.Backup;
import cloud.hyperbyte.operator.campaign.Action.ConfigChange;
import cloud.hyperbyte.operator.campaign.Action.Delete;
import cloud.hyperbyte.operator.campaign.Action.LeaseLoss;
import cloud.hyperbyte.operator.campaign.Action.LostClaim;
import cloud.hyperbyte.operator.campaign.Action.MemberCrash;
import cloud.hyperbyte.operator.campaign.Action.MemberPartition;
import cloud.hyperbyte.operator.campaign.Action.MemberSlow;
import cloud.hyperbyte.operator.campaign.Action.MemberUnhealthy;
import cloud.hyperbyte.operator.campaign.Action.OperatorKill;
import cloud.hyperbyte.operator.campaign.Action.Pause;
import cloud.hyperbyte.operator.campaign.Action.PodEviction;
import cloud.hyperbyte.operator.campaign.Action.Restore;
import cloud.hyperbyte.operator.campaign.Action.Resume;
import cloud.hyperbyte.operator.campaign.Action.S3Error;
import cloud.hyperbyte.operator.campaign.Action.S3Hang;
import cloud.hyperbyte.operator.campaign.Action.Scale;
import cloud.hyperbyte.operator.campaign.Action.StuckDrain;
import cloud.hyperbyte.operator.campaign.Action.Upgrade;
import cloud.hyperbyte.operator.campaign.Action.WatchDisconnect;
import cloud.hyperbyte.operator.campaign.Action.WatchGone;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds a {@link Schedule} from a seed alone ({@link Random}, nothing else), so a seed always
 * yields the same steps. Steps come every few simulated seconds over {@link #FAULT_WINDOW}; user
 * operations keep to what a user would do (resume what they paused, delete last), faults pick any
 * verb, resource and member the cluster has at that point.
 */
final class ScheduleGenerator {

  /** How long faults and operations go on. */
  static final Duration FAULT_WINDOW = Duration.ofSeconds(40);

  private static final String[] VERBS = {"GET", "LIST", "CREATE", "UPDATE", "PATCH", "DELETE", "*"};
  private static final String[] RESOURCES = {"statefulsets", "pods", "persistentvolumeclaims", "services",
      "configmaps", "secrets", "poddisruptionbudgets", "hyperbytedbclusters", "hyperbytedbclusters/status", "events",
      "leases", "*"};
  private static final int[] STATUSES = {409, 429, 500};
  private static final String[] LOG_LEVELS = {"debug", "info", "warn"};

  private ScheduleGenerator() {}

  static Schedule generate(long seed) {
    Random random = new Random(seed);
    int replicas = random.nextInt(5) == 0 ? 1 : 3;
    boolean deleteClaims = random.nextBoolean();
    boolean twoOperators = random.nextBoolean();
    List<Step> steps = new ArrayList<>();
    int current = replicas;
    int versionMinor = 5;
    boolean paused = false;
    int backups = 0;
    int restores = 0;
    long atMillis = 3_000;
    while (true) {
      atMillis += 1_500 + random.nextInt(5_000);
      if (atMillis >= FAULT_WINDOW.toMillis()) {
        break;
      }
      Duration at = Duration.ofMillis(atMillis);
      Action action;
      if (paused && random.nextInt(3) == 0) {
        action = new Resume();
        paused = false;
      } else if (random.nextInt(100) < 35) {
        int pick = random.nextInt(paused ? 3 : 8);
        action = switch (pick) {
          case 0 -> new Scale(current = nextReplicas(random, current));
          case 1 -> new Upgrade("0.8." + (++versionMinor));
          case 2 -> new ConfigChange(LOG_LEVELS[random.nextInt(LOG_LEVELS.length)]);
          case 3, 4 -> new Backup("backup-" + (++backups));
          case 5 -> backups > 0 && restores == 0 ? new Restore("restore-" + (++restores), "backup-" + backups)
              : new Backup("backup-" + (++backups));
          default -> {
            paused = true;
            yield new Pause();
          }
        };
      } else {
        action = fault(random, current, seconds(random, 2, 8));
      }
      steps.add(new Step(at, action));
    }
    if (paused) {
      steps.add(new Step(FAULT_WINDOW, new Resume()));
    }
    if (random.nextInt(10) == 0) {
      steps.add(new Step(FAULT_WINDOW.plusSeconds(1), new Delete()));
    }
    addS3Faults(seed, steps);
    return new Schedule(seed, replicas, deleteClaims, twoOperators, List.copyOf(steps), FAULT_WINDOW.plusSeconds(2));
  }

  /**
   * S3 faults where the schedule backs up or restores, drawn from a stream of their own so that the
   * other steps of a seed stay what they were before S3 faults were added (seeds in findings keep
   * their schedules), and merged in time order.
   */
  private static void addS3Faults(long seed, List<Step> steps) {
    if (steps.stream().noneMatch(step -> step.action() instanceof Backup || step.action() instanceof Restore)) {
      return;
    }
    Random random = new Random(seed ^ 0x53335f4641554c54L);
    int count = random.nextInt(10) < 7 ? 1 + random.nextInt(2) : 0;
    for (int i = 0; i < count; i++) {
      Duration at = Duration.ofMillis(3_000 + random.nextInt((int) FAULT_WINDOW.toMillis() - 3_000));
      double p = 0.3 + random.nextInt(5) / 10.0;
      Duration lasting = seconds(random, 3, 10);
      Action fault = random.nextBoolean()
          ? new S3Error(random.nextBoolean() ? 500 : 503, p, lasting)
          : new S3Hang(seconds(random, 2, 6), p, lasting);
      int index = 0;
      while (index < steps.size() && steps.get(index).at().compareTo(at) <= 0) {
        index++;
      }
      steps.add(index, new Step(at, fault));
    }
  }

  private static int nextReplicas(Random random, int current) {
    return switch (current) {
      case 1 -> 3;
      case 3 -> random.nextBoolean() ? 1 : 5;
      default -> 3;
    };
  }

  private static Action fault(Random random, int replicas, Duration lasting) {
    int ordinal = random.nextInt(replicas);
    return switch (random.nextInt(15)) {
      case 0, 1 -> new ApiError(pick(random, VERBS), pick(random, RESOURCES), STATUSES[random.nextInt(STATUSES.length)],
          0.1 + random.nextInt(4) / 10.0, lasting);
      case 2 -> new ApiTimeout(pick(random, VERBS), pick(random, RESOURCES), seconds(random, 1, 3),
          0.1 + random.nextInt(3) / 10.0, lasting);
      case 3 -> new WatchGone(0.5, lasting);
      case 4 -> new WatchDisconnect();
      case 5 -> new MemberCrash(ordinal, seconds(random, 1, 10));
      case 6 -> new MemberPartition(ordinal, random.nextBoolean(), lasting);
      case 7 -> new MemberSlow(ordinal, Duration.ofMillis(200 + random.nextInt(1_300)), lasting);
      case 8 -> new MemberUnhealthy(ordinal, lasting);
      case 9 -> new StuckDrain(ordinal, lasting.multipliedBy(2));
      case 10 -> new PodEviction(ordinal);
      // node 1's claim is never lost: node 1 on an empty volume bootstraps a second Raft group by
      // the server's own design (contract §4), which no operator can prevent
      case 11 -> replicas > 1 ? new LostClaim(1 + random.nextInt(replicas - 1)) : new PodEviction(0);
      case 12 -> new OperatorKill(seconds(random, 1, 5));
      // longer than the renew deadline even at twice real speed, so the holder really loses the Lease
      default -> new LeaseLoss(seconds(random, 9, 16));
    };
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static Duration seconds(Random random, int from, int to) {
    return Duration.ofMillis(from * 1_000L + random.nextInt((to - from) * 1_000 + 1));
  }
}
