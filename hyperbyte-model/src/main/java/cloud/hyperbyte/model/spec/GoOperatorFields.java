package cloud.hyperbyte.model.spec;

import cloud.hyperbyte.model.v1alpha1.FlushSpec;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbClusterSpec;
import cloud.hyperbyte.model.v1alpha1.ShardingSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fields of the Go operator's CRD that server 0.8.5 cannot honour. They are part of the schema so
 * that Go manifests apply unchanged (kubectl validates fields strictly), and are judged here:
 * sharding switched on is refused, because the server has no sharding and refuses a
 * {@code [sharding]} section at start-up; settings the server has no key for are accepted and
 * reported as having no effect (a warning, and the operator's {@code SettingsIgnored} condition).
 */
final class GoOperatorFields {

  private static final String NO_SHARDING = "HyperbyteDB 0.8.5 has no sharding (its config has no [sharding]"
      + " section and the server refuses to start with one)";

  private GoOperatorFields() {}

  /** Adds the refusal of enabled sharding and a warning per setting without effect. */
  static void check(HyperbytedbClusterSpec spec, List<Problem> problems) {
    ShardingSpec sharding = spec.getSharding();
    if (sharding != null && Boolean.TRUE.equals(sharding.getEnabled())) {
      problems.add(Problem.error("spec.sharding.enabled", "must be false: " + NO_SHARDING
          + "; every member already holds all data through replication, so remove spec.sharding or set"
          + " enabled: false"));
    }
    withoutEffect(spec).forEach((path, why) -> problems.add(Problem.warning(path, "has no effect: " + why)));
  }

  /** Each set field the server cannot honour, by field path, with why; in field order. */
  static Map<String, String> withoutEffect(HyperbytedbClusterSpec spec) {
    Map<String, String> ignored = new LinkedHashMap<>();
    FlushSpec flush = spec.getFlush();
    if (flush != null && flush.getWalSizeThresholdMb() != null) {
      ignored.put("spec.flush.walSizeThresholdMb", "HyperbyteDB 0.8.5 removed [flush] wal_size_threshold_mb"
          + " (the server refuses to start with it), so the operator does not write it");
    }
    if (flush != null && flush.getTimeBucketDuration() != null) {
      ignored.put("spec.flush.timeBucketDuration", "HyperbyteDB 0.8.5 removed [flush] time_bucket_duration"
          + " (the server refuses to start with it), so the operator does not write it");
    }
    ShardingSpec sharding = spec.getSharding();
    if (sharding != null) {
      for (String field : setShardingSettings(sharding)) {
        ignored.put("spec.sharding." + field, NO_SHARDING + ", so the operator does not write it");
      }
    }
    return ignored;
  }

  private static List<String> setShardingSettings(ShardingSpec s) {
    List<String> set = new ArrayList<>();
    add(set, "replicationFactor", s.getReplicationFactor());
    add(set, "regionSplitSeries", s.getRegionSplitSeries());
    add(set, "regionMaxSeries", s.getRegionMaxSeries());
    add(set, "regionMergeSeries", s.getRegionMergeSeries());
    add(set, "splitMergeIntervalSecs", s.getSplitMergeIntervalSecs());
    add(set, "scheduleLimit", s.getScheduleLimit());
    add(set, "heartbeatIntervalSecs", s.getHeartbeatIntervalSecs());
    add(set, "bootstrapTimeoutMs", s.getBootstrapTimeoutMs());
    add(set, "primaryFailoverAfterSecs", s.getPrimaryFailoverAfterSecs());
    add(set, "scatterPeerTimeoutMs", s.getScatterPeerTimeoutMs());
    add(set, "scatterMaxPeerAttempts", s.getScatterMaxPeerAttempts());
    add(set, "loadSplitQpsThreshold", s.getLoadSplitQpsThreshold());
    add(set, "maxRegionsPerMeasurement", s.getMaxRegionsPerMeasurement());
    return set;
  }

  private static void add(List<String> set, String field, Object value) {
    if (value != null) {
      set.add(field);
    }
  }
}
