package cloud.hyperbyte.testkit.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A member's volume as something outside the server sees it (contract §5, §8): the server's
 * directories {@code wal/ meta/ chdb/ raft/ replication_log/} under the data directory, what
 * {@code hyperbytedb backup} and {@code restore} do with them, and plain files elsewhere on the
 * volume. The server's directories are modelled by their meaning, not byte for byte:
 *
 * <ul>
 *   <li>{@code wal/}: the WAL sequence; {@code chdb/}: the points written; {@code meta/}: nothing
 *       (schemas and users are not simulated);
 *   <li>{@code raft/}: the Raft group and view, so a wiped member starts uninitialized (node 1
 *       bootstraps a fresh group); {@code replication_log/}: the recorded peer acks.
 * </ul>
 *
 * <p>A handle stays bound to the disk it was taken from; when the member later starts on a fresh
 * disk (its PVC was replaced), the handle no longer reaches the member.
 */
public final class MemberVolume {

  /** The server's directories below the data directory (the image's layout). */
  public static final List<String> SERVER_DIRECTORIES = List.of("wal", "meta", "chdb", "raft", "replication_log");
  /**
   * The backup directory's WAL checkpoint file (simulated content: the WAL sequence on the first
   * line, then one line {@code <sequence> <point>} per point of each WAL entry still held).
   */
  static final String BACKUP_WAL = "wal/SEQUENCE";
  /** The backup directory's meta checkpoint file (nothing modelled in it). */
  static final String BACKUP_META = "meta/METADATA";
  /** The backup directory's copy of the chDB directory: the points, one per line. */
  static final String BACKUP_DATA = "data/points.lp";
  static final String BACKUP_MANIFEST = "manifest.json";

  private final SimulatedNode node;
  private final Simulation simulation;
  private final NodeDisk disk;

  MemberVolume(SimulatedNode node, Simulation simulation, NodeDisk disk) {
    this.node = node;
    this.simulation = simulation;
    this.disk = disk;
  }

  /** The member whose volume this is. */
  public SimulatedNode member() {
    return node;
  }

  /** Whether a server process runs on this volume (it holds the RocksDB LOCK files). */
  public boolean inUse() {
    synchronized (simulation.lock()) {
      return node.isProcessRunningOn(disk);
    }
  }

  public long walSequence() {
    synchronized (simulation.lock()) {
      return disk.walSequence;
    }
  }

  public List<String> points() {
    synchronized (simulation.lock()) {
      return List.copyOf(disk.points);
    }
  }

  /** Whether {@code raft/} holds state: a Raft group joined or an applied view. */
  public boolean hasRaftState() {
    synchronized (simulation.lock()) {
      return disk.raftGroup != null || disk.raftView.membershipIndex() != RaftView.uninitialized().membershipIndex();
    }
  }

  /** Whether {@code replication_log/} holds recorded peer acks. */
  public boolean hasReplicationLog() {
    synchronized (simulation.lock()) {
      return !disk.walAcks.isEmpty();
    }
  }

  // ---- the server CLI ---------------------------------------------------------------------------

  /**
   * {@code hyperbytedb backup}: the files of the backup directory by relative path ({@code wal/},
   * {@code meta/}, {@code data/}, {@code manifest.json}; never {@code raft/} or {@code
   * replication_log/}). Works while the server runs, as the server's does (read-only checkpoints).
   */
  public Map<String, byte[]> backup(Instant now) {
    synchronized (simulation.lock()) {
      Map<String, byte[]> files = new LinkedHashMap<>();
      files.put(BACKUP_WAL, walCheckpoint());
      files.put(BACKUP_META, new byte[0]);
      files.put(BACKUP_DATA, lines(disk.points));
      files.put(BACKUP_MANIFEST, ("{\"timestamp\":\"" + now + "\",\"wal_last_seq\":" + disk.walSequence
          + ",\"engine_data_paths\":[\"data\"]}\n").getBytes(StandardCharsets.UTF_8));
      return files;
    }
  }

  /**
   * {@code hyperbytedb restore}: replaces each of {@code wal/}, {@code meta/} and the chDB directory
   * that the backup directory holds; {@code raft/} and {@code replication_log/} stay untouched.
   *
   * @param backup the backup directory's files by relative path
   * @throws IllegalStateException when the server runs on this volume (its LOCK files are held)
   * @throws IllegalArgumentException when {@code manifest.json} is missing, none of {@code wal/},
   *     {@code meta/}, {@code data/} is there, or a file is not what the backup writes
   */
  public void restore(Map<String, byte[]> backup) {
    Objects.requireNonNull(backup, "backup");
    simulation.mutate(() -> {
      if (node.isProcessRunningOn(disk)) {
        throw new IllegalStateException("IO error: While lock file: wal/LOCK: Resource temporarily unavailable"
            + " (the server is running; stop it before restoring)");
      }
      if (!backup.containsKey(BACKUP_MANIFEST)) {
        throw new IllegalArgumentException("manifest.json not found in the backup directory");
      }
      boolean wal = hasDirectory(backup, "wal");
      boolean meta = hasDirectory(backup, "meta");
      boolean data = hasDirectory(backup, "data");
      if (!wal && !meta && !data) {
        throw new IllegalArgumentException("the backup directory holds none of wal/, meta/, data/");
      }
      if (wal) {
        byte[] sequence = backup.get(BACKUP_WAL);
        if (sequence == null) {
          throw new IllegalArgumentException("wal/ is not a WAL checkpoint of this simulator");
        }
        restoreWal(new String(sequence, StandardCharsets.UTF_8));
      }
      if (data) {
        byte[] points = backup.getOrDefault(BACKUP_DATA, new byte[0]);
        disk.points.clear();
        new String(points, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).forEach(disk.points::add);
      }
    });
  }

  /**
   * Deletes one of the server's directories ({@link #SERVER_DIRECTORIES}) with what it holds:
   * {@code raft/} leaves the member uninitialized, {@code replication_log/} drops peer acks.
   */
  public void wipe(String serverDirectory) {
    if (!SERVER_DIRECTORIES.contains(serverDirectory)) {
      throw new IllegalArgumentException("not a server directory: " + serverDirectory);
    }
    simulation.mutate(() -> {
      switch (serverDirectory) {
        case "wal" -> {
          disk.walSequence = 0;
          disk.wal.clear();
        }
        case "chdb" -> disk.points.clear();
        case "raft" -> {
          disk.raftGroup = null;
          disk.raftView = RaftView.uninitialized();
        }
        case "replication_log" -> disk.walAcks.clear();
        default -> { } // meta: nothing modelled
      }
    });
  }

  // ---- other files on the volume ------------------------------------------------------------------

  public boolean isFile(String path) {
    synchronized (simulation.lock()) {
      return disk.otherFiles.isFile(path);
    }
  }

  public boolean isDirectory(String path) {
    synchronized (simulation.lock()) {
      return disk.otherFiles.isDirectory(path);
    }
  }

  public void mkdirs(String path) throws IOException {
    synchronized (simulation.lock()) {
      disk.otherFiles.mkdirs(path);
    }
  }

  public void delete(String path) {
    synchronized (simulation.lock()) {
      disk.otherFiles.delete(path);
    }
  }

  public byte[] read(String path) throws IOException {
    synchronized (simulation.lock()) {
      return disk.otherFiles.read(path);
    }
  }

  public void write(String path, byte[] content) throws IOException {
    synchronized (simulation.lock()) {
      disk.otherFiles.write(path, content);
    }
  }

  /**
   * Where plain file {@code path} of the volume is on the machine running the test, for programs
   * that read and write it with file I/O; outside the simulation's lock, as a real process would.
   */
  public java.nio.file.Path hostPath(String path) throws IOException {
    synchronized (simulation.lock()) {
      return disk.otherFiles.hostPath(path);
    }
  }

  /** Names in directory {@code path}, sorted (the server's directories are not listed). */
  public List<String> list(String path) throws IOException {
    synchronized (simulation.lock()) {
      return disk.otherFiles.list(path);
    }
  }

  private byte[] walCheckpoint() {
    StringBuilder text = new StringBuilder().append(disk.walSequence).append('\n');
    for (WalEntry entry : disk.wal) {
      entry.points().forEach(point -> text.append(entry.sequence()).append(' ').append(point).append('\n'));
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Callers hold the lock; entries keep the source's sequence numbers, as a RocksDB checkpoint does. */
  private void restoreWal(String checkpoint) {
    List<String> lines = checkpoint.lines().filter(line -> !line.isBlank()).toList();
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("wal/ is not a WAL checkpoint of this simulator");
    }
    disk.walSequence = Long.parseLong(lines.get(0).strip());
    disk.wal.clear();
    Map<Long, List<String>> entries = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      int space = line.indexOf(' ');
      entries.computeIfAbsent(Long.parseLong(line.substring(0, space)), s -> new java.util.ArrayList<>())
          .add(line.substring(space + 1));
    }
    entries.forEach((sequence, points) -> disk.wal.addLast(new WalEntry(sequence, points)));
  }

  private static boolean hasDirectory(Map<String, byte[]> backup, String directory) {
    return backup.keySet().stream().anyMatch(path -> path.equals(directory) || path.startsWith(directory + "/"));
  }

  private static byte[] lines(List<String> lines) {
    StringBuilder text = new StringBuilder();
    lines.forEach(line -> text.append(line).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
