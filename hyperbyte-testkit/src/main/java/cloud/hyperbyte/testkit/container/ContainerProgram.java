package cloud.hyperbyte.testkit.container;

/**
 * What a simulated container of some image does when it runs to completion, e.g. the operator
 * image's {@code restore-fetch} step, which a test provides by calling the real subcommand. The
 * HyperbyteDB image's program is {@link ImageShell}.
 */
@FunctionalInterface
public interface ContainerProgram {

  /** Runs the container and reports how it ended; exceptions count as a crash (exit 1). */
  ExecResult run(ContainerInvocation invocation) throws Exception;
}
