package cloud.hyperbyte.operator.e2e;

import cloud.hyperbyte.reconcile.seed.SeedArgs;
import cloud.hyperbyte.testkit.container.ContainerInvocation;
import cloud.hyperbyte.testkit.container.ContainerProgram;
import cloud.hyperbyte.testkit.container.ExecResult;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The pod network for seed pods: simulated pod IPs lead nowhere, so a source pod's {@code seed-serve}
 * listens on a free loopback port instead of the port it is given, and a target pod's {@code seed-fetch}
 * given the source's {@code podIP:port} connects to that loopback port (a fetch from an address no
 * source serves on runs unchanged). Every other invocation of the image runs {@code others}.
 */
public final class SeedRouting implements ContainerProgram {

  private final ContainerProgram image;
  private final ContainerProgram others;
  private final Supplier<KubernetesClient> client;
  /** Loopback address by the pod address a source serves on. */
  private final Map<String, String> routes = new ConcurrentHashMap<>();

  /**
   * Seed subcommands run {@code image} (the operator image's command line), everything else {@code
   * others}; {@code client} reads the source pod's IP.
   */
  public SeedRouting(ContainerProgram image, ContainerProgram others, Supplier<KubernetesClient> client) {
    this.image = image;
    this.others = others;
    this.client = client;
  }

  @Override
  public ExecResult run(ContainerInvocation invocation) throws Exception {
    List<String> args = invocation.args();
    if (!args.isEmpty() && args.get(0).equals(SeedArgs.SERVE)) {
      int port = freePort();
      podIp(invocation).ifPresent(ip -> routes.put(ip + ":" + value(args, SeedArgs.PORT), "127.0.0.1:" + port));
      return image.run(with(invocation, SeedArgs.PORT, Integer.toString(port)));
    }
    if (!args.isEmpty() && args.get(0).equals(SeedArgs.FETCH)) {
      String source = value(args, SeedArgs.SOURCE);
      // the fetch may start while the source still backs up: its connect retries cover that, so wait for the route
      for (int i = 0; i < 600 && !routes.containsKey(source); i++) {
        sleep();
      }
      return image.run(with(invocation, SeedArgs.SOURCE, routes.getOrDefault(source, source)));
    }
    return others.run(invocation);
  }

  private Optional<String> podIp(ContainerInvocation invocation) {
    Pod pod = client.get().pods().inNamespace(invocation.namespace()).withName(invocation.pod()).get();
    return Optional.ofNullable(pod).map(Pod::getStatus).map(s -> s.getPodIP());
  }

  private static String value(List<String> args, String option) {
    int at = args.indexOf(option);
    return at < 0 || at + 1 >= args.size() ? "" : args.get(at + 1);
  }

  private static ContainerInvocation with(ContainerInvocation invocation, String option, String value) {
    List<String> args = new ArrayList<>(invocation.args());
    int at = args.indexOf(option);
    args.set(at + 1, value);
    return new ContainerInvocation(invocation.namespace(), invocation.pod(), invocation.container(),
        invocation.image(), invocation.command(), args, invocation.env(), invocation.files());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
