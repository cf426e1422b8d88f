package cloud.hyperbyte.model.spec;

import org.immutables.value.Value;

/** One problem in user input: where it is, what is wrong, and what to do about it. */
@Value.Immutable
public interface Problem {

  /** How serious a problem is. */
  enum Severity {
    /** The input cannot be used. */
    ERROR,
    /** The input is used, but probably not as the user meant (e.g. a pruned unknown field). */
    WARNING
  }

  /** Field path, e.g. {@code spec.cluster.raftElectionTimeoutMs}. */
  @Value.Parameter
  String path();

  /** A message a person can act on. */
  @Value.Parameter
  String message();

  @Value.Parameter
  Severity severity();

  /** An error at {@code path}. */
  static Problem error(String path, String message) {
    return ImmutableProblem.of(path, message, Severity.ERROR);
  }

  /** A warning at {@code path}. */
  static Problem warning(String path, String message) {
    return ImmutableProblem.of(path, message, Severity.WARNING);
  }

  /** {@code path: message}, prefixed with {@code warning: } for warnings. */
  default String describe() {
    return (severity() == Severity.WARNING ? "warning: " : "") + path() + ": " + message();
  }
}
