package cloud.hyperbyte.reconcile.backup;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's {@value SnapshotLayout#MANIFEST} of one snapshot. It is written twice: with state
 * {@value #UPLOADING} before the archive, so that even an interrupted snapshot names its owner and
 * can be expired by retention, and with state {@value #COMPLETE}, size and checksum after it. A
 * restore accepts only complete snapshots.
 *
 * @param formatVersion version of this document
 * @param state {@value #UPLOADING} or {@value #COMPLETE}
 * @param backup the HyperbytedbBackup that wrote it (retention deletes only its own snapshots)
 * @param namespace namespace of the cluster
 * @param cluster HyperbytedbCluster name
 * @param serverVersion HyperbyteDB version the members ran
 * @param members member pods at the time of the backup
 * @param sourcePod the member the snapshot was taken from
 * @param consistency what the snapshot guarantees ({@value #BEST_EFFORT})
 * @param startedAt RFC 3339
 * @param completedAt RFC 3339, null while uploading
 * @param archive {@value SnapshotLayout#ARCHIVE}; null while uploading
 */
public record SnapshotManifest(
    int formatVersion,
    String state,
    String backup,
    String namespace,
    String cluster,
    String serverVersion,
    List<String> members,
    String sourcePod,
    String consistency,
    String startedAt,
    String completedAt,
    Archive archive) {

  public static final int FORMAT_VERSION = 1;
  public static final String UPLOADING = "uploading";
  public static final String COMPLETE = "complete";
  /**
   * A hot backup of a serving member: RocksDB checkpoints are point in time, the chDB directory is
   * copied file by file while merges run (contract §5.2), so it is not crash-consistent.
   */
  public static final String BEST_EFFORT = "best-effort (hot backup of a serving member; not crash-consistent)";

  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  /**
   * The archive of a complete snapshot.
   *
   * @param name object name within the snapshot folder
   * @param sizeBytes length of the archive
   * @param sha256 lowercase hex SHA-256 of the archive
   */
  public record Archive(String name, long sizeBytes, String sha256) {
    public Archive {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(sha256, "sha256");
    }
  }

  public SnapshotManifest {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(backup, "backup");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(cluster, "cluster");
    members = members == null ? List.of() : List.copyOf(members);
  }

  /** Whether the archive was fully uploaded and checksummed. */
  public boolean complete() {
    return COMPLETE.equals(state) && archive != null;
  }

  /** The same manifest, completed. */
  public SnapshotManifest completed(String completedAtRfc3339, Archive uploaded) {
    return new SnapshotManifest(
        formatVersion, COMPLETE, backup, namespace, cluster, serverVersion, members, sourcePod, consistency,
        startedAt, completedAtRfc3339, uploaded);
  }

  /** Indented JSON, UTF-8. */
  public byte[] toJson() {
    return JSON.writeValueAsBytes(this);
  }

  /** Parses a manifest; empty when the bytes are not one. */
  public static Optional<SnapshotManifest> parse(byte[] json) {
    try {
      SnapshotManifest manifest = JSON.readValue(json, SnapshotManifest.class);
      return Optional.ofNullable(manifest);
    } catch (JacksonException | NullPointerException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return new String(toJson(), StandardCharsets.UTF_8);
  }
}
