package cloud.hyperbyte.operator.e2e;

import cloud.hyperbyte.operator.storage.RestoreFetchCommand;
import cloud.hyperbyte.operator.storage.S3ObjectStoreFactory;
import cloud.hyperbyte.reconcile.restore.RestoreFetchArgs;
import cloud.hyperbyte.testkit.container.ContainerInvocation;
import cloud.hyperbyte.testkit.container.ContainerProgram;
import cloud.hyperbyte.testkit.container.ExecResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator image's container in a restore pod: the real {@code restore-fetch} subcommand,
 * streaming the snapshot from the S3 server into the pod's emptyDir (a directory of the test
 * machine), with its termination log as the container's termination message. A test can hold
 * every fetch at its start until {@link #release()}, to act while restore pods run.
 */
public final class RestoreFetchProgram implements ContainerProgram {

  private final CountDownLatch gate;
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicInteger runs = new AtomicInteger();

  private RestoreFetchProgram(boolean held) {
    this.gate = new CountDownLatch(held ? 1 : 0);
  }

  public static RestoreFetchProgram running() {
    return new RestoreFetchProgram(false);
  }

  /** Every fetch waits for {@link #release()}. */
  static RestoreFetchProgram held() {
    return new RestoreFetchProgram(true);
  }

  void release() {
    gate.countDown();
  }

  /** Fetches waiting at the gate now. */
  int waiting() {
    return waiting.get();
  }

  /** Fetches started so far. */
  int runs() {
    return runs.get();
  }

  @Override
  public ExecResult run(ContainerInvocation invocation) throws Exception {
    runs.incrementAndGet();
    waiting.incrementAndGet();
    try {
      if (!gate.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the fetch");
      }
    } finally {
      waiting.decrementAndGet();
    }
    List<String> args = new ArrayList<>(invocation.args());
    int output = args.indexOf(RestoreFetchArgs.OUTPUT) + 1;
    args.set(output, invocation.files().hostPath(args.get(output)).orElseThrow().toString());
    Path terminationLog = Files.createTempFile("termination-log", "");
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int exit = new RestoreFetchCommand(new S3ObjectStoreFactory()).run(args, invocation.env(),
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
          terminationLog);
      return new ExecResult(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8),
          Files.readString(terminationLog));
    } finally {
      Files.deleteIfExists(terminationLog);
    }
  }
}
