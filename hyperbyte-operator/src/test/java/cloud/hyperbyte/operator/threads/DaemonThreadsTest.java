package cloud.hyperbyte.operator.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

  @Test
  void threadsAreDaemonsNumberedAfterTheirWork() {
    ThreadFactory factory = DaemonThreads.named("member-probe");
    List<Thread> threads = List.of(factory.newThread(() -> {}), factory.newThread(() -> {}));

    assertThat(threads).extracting(Thread::getName).containsExactly("member-probe-1", "member-probe-2");
    assertThat(threads).allMatch(Thread::isDaemon);
  }

  @Test
  void anIdleEndingPoolRunsAtMostItsThreadsQueuesTheRestAndLetsEveryThreadEndWhenIdle() throws Exception {
    ExecutorService pool = DaemonThreads.idleEndingPool("database-http", 4, Duration.ofSeconds(30));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(10);
    try {
      for (int i = 0; i < 10; i++) {
        pool.execute(() -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          done.countDown();
        });
      }
      ThreadPoolExecutor executor = (ThreadPoolExecutor) pool;

      assertThat(executor.getPoolSize()).isEqualTo(4);
      assertThat(executor.getQueue()).hasSize(6);
      assertThat(executor.allowsCoreThreadTimeOut()).isTrue();
      assertThat(executor.getKeepAliveTime(TimeUnit.SECONDS)).isEqualTo(30);

      release.countDown();
      done.await();
    } finally {
      pool.shutdownNow();
    }
  }
}
