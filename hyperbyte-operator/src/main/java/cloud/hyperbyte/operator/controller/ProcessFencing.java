package cloud.hyperbyte.operator.controller;

import cloud.hyperbyte.operator.kube.ApiHttpClient;
import cloud.hyperbyte.operator.leader.FenceInterceptor;
import cloud.hyperbyte.operator.leader.LeadershipFence;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How an operator process fences itself, in one place for {@code run} and for tests that run the
 * process's wiring (the fault campaign): one {@link LeadershipFence} that the API client passes
 * before every write ({@link FenceInterceptor}, ahead of any other interceptor, so nothing refused
 * reaches the network) and the {@link Operator} before every action and member call; losing the
 * Lease runs the process's exit.
 *
 * <p>The fence runs on the system clock: fabric8 stamps the Lease's renew times with it, and the
 * fence measures from those stamps.
 */
public final class ProcessFencing {

  private final LeadershipFence fence = new LeadershipFence(Clock.systemUTC());

  /** The fence shared by the client and the operator. */
  public LeadershipFence fence() {
    return fence;
  }

  /**
   * Configures {@code builder}'s HTTP client: no connect timer ({@link ApiHttpClient}), the fence first,
   * then what {@code network} adds (a test's interceptors see only the requests the fence let through).
   */
  public void configure(KubernetesClientBuilder builder, Consumer<HttpClient.Builder> network) {
    FenceInterceptor interceptor = new FenceInterceptor(fence);
    builder.withHttpClientBuilderConsumer(http -> {
      ApiHttpClient.configure(http);
      http.addOrReplaceInterceptor(FenceInterceptor.NAME, interceptor);
      network.accept(http);
    });
  }

  /** {@code operator}, fenced by this fence, running {@code exit} once it lost the Lease; call before it starts. */
  public Operator fenced(Operator operator, Runnable exit) {
    return operator.withFence(fence).onLeadershipLost(Objects.requireNonNull(exit, "exit"));
  }
}
