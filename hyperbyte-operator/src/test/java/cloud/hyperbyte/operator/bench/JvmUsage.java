package cloud.hyperbyte.operator.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This JVM's cost over a stretch of a benchmark: CPU time, the peak heap in use (sampled), and the
 * live heap before and after (each read after a GC).
 */
public final class JvmUsage {

  /** What the stretch cost; bytes and nanoseconds. */
  public record Used(long cpuNanos, long peakHeap, long heapAfter, long heapBefore) {}

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private final AtomicLong peakHeap = new AtomicLong();
  private final long heapBefore;
  private final long cpuBefore;
  private final Thread sampler;

  private JvmUsage(Duration sampleEvery) {
    System.gc();
    heapBefore = memory.getHeapMemoryUsage().getUsed();
    cpuBefore = os.getProcessCpuTime();
    sampler = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(sampleEvery.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Starts measuring now, sampling the heap in use every {@code sampleEvery}. */
  public static JvmUsage start(Duration sampleEvery) {
    return new JvmUsage(sampleEvery);
  }

  /** Stops measuring: what the stretch since {@link #start} cost. */
  public Used stop() {
    sampler.interrupt();
    long cpu = os.getProcessCpuTime() - cpuBefore;
    System.gc();
    return new Used(cpu, peakHeap.get(), memory.getHeapMemoryUsage().getUsed(), heapBefore);
  }
}
