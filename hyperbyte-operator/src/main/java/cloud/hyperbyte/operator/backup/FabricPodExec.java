package cloud.hyperbyte.operator.backup;

import cloud.hyperbyte.reconcile.backup.PodExec;
import cloud.hyperbyte.reconcile.backup.PodExecException;
import cloud.hyperbyte.reconcile.backup.RemoteProcess;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link PodExec} on fabric8's exec API (a WebSocket to {@code pods/exec}).
 *
 * <p>stdout is fabric8's flow-controlled stream: more frames are requested from the API server only
 * as the reader consumes them, so a multi-gigabyte {@code tar} stream never sits in the operator's
 * heap. stderr and the API server's status channel are kept as bounded tails for messages. Every
 * session has a hard limit: past it the WebSocket is closed, a read of stdout then fails instead of
 * ending as if the output were complete, and {@link RemoteProcess#awaitExit} reports the cut.
 */
public final class FabricPodExec implements PodExec, AutoCloseable {

  /** Bytes of stderr (and of the status channel) kept for failure messages. */
  static final int TAIL_BYTES = 4096;

  private final KubernetesClient client;
  private final Duration sessionLimit;
  private final ScheduledExecutorService watchdog;

  /**
   * @param client the operator's client
   * @param sessionLimit longest an exec session may stay open (the whole backup stream included)
   */
  public FabricPodExec(KubernetesClient client, Duration sessionLimit) {
    this.client = Objects.requireNonNull(client, "client");
    this.sessionLimit = Objects.requireNonNull(sessionLimit, "sessionLimit");
    this.watchdog = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "pod-exec-watchdog");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public RemoteProcess start(String namespace, String pod, String container, List<String> command) {
    StderrTail stderr = new StderrTail(TAIL_BYTES);
    StderrTail statusChannel = new StderrTail(TAIL_BYTES);
    ExecWatch watch;
    try {
      watch = client.pods().inNamespace(namespace).withName(pod).inContainer(container)
          .redirectingOutput()
          .writingError(stderr)
          .writingErrorChannel(statusChannel)
          .exec(command.toArray(String[]::new));
    } catch (KubernetesClientException e) {
      throw new PodExecException("cannot exec in " + namespace + "/" + pod + " container " + container
          + describe(e), e);
    }
    return new Session(pod, watch, stderr, statusChannel);
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
  }

  private static String describe(KubernetesClientException e) {
    String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
        : e.getMessage();
    return (e.getCode() > 0 ? " (HTTP " + e.getCode() + ")" : "") + ": " + message;
  }

  /** One running command. */
  private final class Session implements RemoteProcess {
    private final String pod;
    private final ExecWatch watch;
    private final StderrTail stderr;
    private final StderrTail statusChannel;
    private final ScheduledFuture<?> deadline;
    private final InputStream stdout;
    private volatile boolean expired;

    Session(String pod, ExecWatch watch, StderrTail stderr, StderrTail statusChannel) {
      this.pod = pod;
      this.watch = watch;
      this.stderr = stderr;
      this.statusChannel = statusChannel;
      this.deadline = watchdog.schedule(this::expire, sessionLimit.toMillis(), TimeUnit.MILLISECONDS);
      this.stdout = new CutAwareStream(watch.getOutput());
    }

    private void expire() {
      expired = true;
      watch.close();
    }

    @Override
    public InputStream stdout() {
      return stdout;
    }

    @Override
    public int awaitExit(Duration timeout) {
      Integer code;
      try {
        code = watch.exitCode().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        close();
        throw new PodExecException("command in " + pod + " did not exit within " + timeout);
      } catch (ExecutionException e) {
        throw new PodExecException("exec connection to " + pod + " failed: " + e.getCause().getMessage(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new PodExecException("interrupted while waiting for the command in " + pod, e);
      }
      if (code == null || expired) {
        throw new PodExecException(cutMessage());
      }
      return code;
    }

    @Override
    public String stderrTail() {
      String tail = stderr.toString();
      return tail.isEmpty() ? statusChannel.toString() : tail;
    }

    @Override
    public void close() {
      deadline.cancel(false);
      watch.close();
    }

    private String cutMessage() {
      return expired
          ? "exec session in " + pod + " exceeded its limit of " + sessionLimit + " and was closed"
          : "exec connection to " + pod + " closed before the command's exit status arrived";
    }

    /**
     * stdout as the runner needs it: it fails, rather than ends, when the watchdog cut the session
     * (so a cut archive is never taken for a complete one); and it ends, rather than fails, when
     * the command exited non-zero (fabric8 fails the stream then), so the caller reaches {@link
     * #awaitExit} and reports the exit code with the stderr tail.
     */
    private final class CutAwareStream extends FilterInputStream {
      CutAwareStream(InputStream in) {
        super(in);
      }

      @Override
      public int read() throws IOException {
        try {
          return endOrCut(super.read());
        } catch (IOException e) {
          return failed(e);
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return endOrCut(super.read(b, off, len));
        } catch (IOException e) {
          return failed(e);
        }
      }

      private int endOrCut(int result) throws IOException {
        if (result < 0 && expired) {
          throw new IOException(cutMessage());
        }
        return result;
      }

      private int failed(IOException e) throws IOException {
        if (expired) {
          throw new IOException(cutMessage(), e);
        }
        Integer exit = watch.exitCode().isCompletedExceptionally() ? null : watch.exitCode().getNow(null);
        if (exit != null && exit != 0) {
          return -1;
        }
        throw e;
      }
    }
  }
}
