package cloud.hyperbyte.testkit.container;

/**
 * What a simulated container of some image does when it runs to completion, e.g. the operator
 * image's {@code restore-fetch} step, which the operator's tests provide by running the operator's
 * command line with the container's args and env. The HyperbyteDB image's program is {@link
 * ImageShell}.
 */
@FunctionalInterface
public interface ContainerProgram {

  /** Runs the container and reports how it ended; exceptions count as a crash (exit 1). */
  ExecResult run(ContainerInvocation invocation) throws Exception;
}
