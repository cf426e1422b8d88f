package cloud.hyperbyte.operator.bench;

import cloud.hyperbyte.operator.kube.InformerCaches;
import cloud.hyperbyte.operator.kube.RenderedMembers;
import cloud.hyperbyte.operator.kube.WatchedNamespaces;
import cloud.hyperbyte.testkit.kube.SimulatedKubernetes;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;

/**
 * Measures the heap an operator JVM needs for its first cache sync (issue 18). {@code serve N}
 * starts a simulated API holding N rendered three-member clusters' StatefulSets and pods and prints
 * its URL; {@code sync URL} starts {@link InformerCaches} against it in this JVM, waits until they
 * synced, and prints the peak of every heap pool (run it with the chart's {@code -Xmx192m
 * -XX:+UseSerialGC} and a GC log).
 */
public final class InformerSyncHeapMain {

  private InformerSyncHeapMain() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("serve")) {
      SimulatedKubernetes kube = SimulatedKubernetes.start();
      RenderedMembers.create(kube.client(), "test", Integer.parseInt(args[1]));
      System.out.println("API " + kube.client().getConfiguration().getMasterUrl());
      System.out.flush();
      while (System.in.read() >= 0) {
        // until our standard input ends
      }
      kube.close();
      return;
    }
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(args[1]).withNamespace("default").build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory())
        .withHttpClientBuilderConsumer(cloud.hyperbyte.operator.kube.ApiHttpClient::configure).build();
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    long start = System.nanoTime();
    InformerCaches caches = new InformerCaches(client, WatchedNamespaces.parse("test"), key -> { }, Duration.ZERO)
        .start();
    while (!caches.hasSynced()) {
      Thread.sleep(50);
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.gc();
    long retained = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf("SYNCED in %d ms; pods cached %d; heap pools' peaks summed %d MiB; after GC %d MiB%n",
        (System.nanoTime() - start) / 1_000_000, caches.owned(io.fabric8.kubernetes.api.model.Pod.class).list().size(),
        peak >> 20, retained >> 20);
    caches.close();
    client.close();
    System.exit(0);
  }
}
