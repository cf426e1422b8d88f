package cloud.hyperbyte.operator.e2e;

import cloud.hyperbyte.testkit.container.ContainerInvocation;
import cloud.hyperbyte.testkit.container.ContainerProgram;
import cloud.hyperbyte.testkit.container.ExecResult;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A container program whose every run waits at its start until the test calls {@link #release()},
 * so a scenario can act while those containers run (e.g. kill the operator during a restore).
 */
final class HeldProgram implements ContainerProgram {

  private final ContainerProgram program;
  private final CountDownLatch gate = new CountDownLatch(1);
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicInteger runs = new AtomicInteger();

  HeldProgram(ContainerProgram program) {
    this.program = program;
  }

  void release() {
    gate.countDown();
  }

  /** Runs waiting at the gate now. */
  int waiting() {
    return waiting.get();
  }

  /** Runs started so far. */
  int runs() {
    return runs.get();
  }

  @Override
  public ExecResult run(ContainerInvocation invocation) throws Exception {
    runs.incrementAndGet();
    waiting.incrementAndGet();
    try {
      if (!gate.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the container");
      }
    } finally {
      waiting.decrementAndGet();
    }
    return program.run(invocation);
  }
}
