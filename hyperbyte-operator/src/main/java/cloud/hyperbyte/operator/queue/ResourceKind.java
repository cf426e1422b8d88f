package cloud.hyperbyte.operator.queue;

/** The custom resources the operator reconciles; each has its own keys in the work queue. */
public enum ResourceKind {
  CLUSTER("HyperbytedbCluster"),
  BACKUP("HyperbytedbBackup"),
  RESTORE("HyperbytedbRestore");

  private final String kind;

  ResourceKind(String kind) {
    this.kind = kind;
  }

  /** The Kubernetes kind, e.g. {@code HyperbytedbCluster}. */
  public String kind() {
    return kind;
  }

  /** The constant for a Kubernetes kind, if it is one of ours. */
  public static java.util.Optional<ResourceKind> ofKind(String kind) {
    for (ResourceKind k : values()) {
      if (k.kind.equals(kind)) {
        return java.util.Optional.of(k);
      }
    }
    return java.util.Optional.empty();
  }
}
