package cloud.hyperbyte.operator.kube;

import cloud.hyperbyte.model.v1alpha1.HyperbytedbBackup;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbCluster;
import cloud.hyperbyte.model.v1alpha1.HyperbytedbRestore;
import cloud.hyperbyte.render.topology.ClusterLabels;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the operator's cache memory goes, kind by kind (issue 18): lists every object an informer of
 * {@link InformerCaches} would hold from a running API server (e.g. the one {@code ScaleBenchmark}
 * simulates, its URL on the operator process's command line), keeps each kind in a store like the
 * informers' own ({@link ManagedFieldsStrippingStore}), and prints the live heap each kind adds
 * (after a full GC), per cluster, beside the objects' JSON size. Not a test: run it by hand,
 * {@code CacheFootprintMain <api url> <clusters>}, with {@code -XX:+UseSerialGC}
 * ({@code -Dfootprint.objects=true}: owned kinds kept as objects, as before {@link SerializedItemStore}).
 */
public final class CacheFootprintMain {

  private CacheFootprintMain() {}

  public static void main(String[] args) throws Exception {
    Config config = new ConfigBuilder(Config.empty()).withMasterUrl(args[0]).withNamespace("default").build();
    int clusters = Integer.parseInt(args[1]);
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config)
        .withHttpClientFactory(new JdkHttpClientFactory()).build();
    // first use of a kind loads its (de)serializers: not what a cluster costs
    for (Class<? extends HasMetadata> type : InformerCaches.OWNED_TYPES) {
      warmUp(client, type);
    }
    client.resources(HyperbytedbCluster.class).inAnyNamespace().list(new ListOptionsBuilder().withLimit(1L).build())
        .getItems().forEach(Serialization::asJson);
    List<Object> kept = new ArrayList<>();
    long base = liveHeap();
    kept.add(measure("HyperbytedbCluster", clusters, base, list(client, HyperbytedbCluster.class, false),
        store(client, HyperbytedbCluster.class, false)));
    kept.add(measure("HyperbytedbBackup", clusters, liveHeap(), list(client, HyperbytedbBackup.class, false),
        store(client, HyperbytedbBackup.class, false)));
    kept.add(measure("HyperbytedbRestore", clusters, liveHeap(), list(client, HyperbytedbRestore.class, false),
        store(client, HyperbytedbRestore.class, false)));
    for (Class<? extends HasMetadata> type : InformerCaches.OWNED_TYPES) {
      kept.add(measureOwned(client, type, clusters));
    }
    List<Secret> all = list(client, Secret.class, false);
    ManagedFieldsStrippingStore<Secret> metadataOnly = ManagedFieldsStrippingStore.alsoDropping(
        store(client, Secret.class, true), secret -> {
      secret.setData(null);
      secret.setStringData(null);
    });
    long before = liveHeap();
    all.forEach(secret -> metadataOnly.put(metadataOnly.getKey(secret), secret));
    all = null;
    report("Secret (metadata, all)", clusters, before, metadataOnly.size(), 0);
    kept.add(metadataOnly);
    System.out.printf(Locale.ROOT, "all caches: %.1f MiB, %.1f KiB per cluster (%d stores)%n",
        (liveHeap() - base) / 1048576.0, (liveHeap() - base) / 1024.0 / clusters, kept.size());
    client.close();
    System.exit(0);
  }

  private static <T extends HasMetadata> List<T> list(KubernetesClient client, Class<T> type, boolean managedOnly) {
    List<T> items = new ArrayList<>();
    String next = null;
    do {
      var options = new ListOptionsBuilder().withLimit(500L).withContinue(next);
      if (managedOnly) {
        options.withLabelSelector(ClusterLabels.MANAGED_BY + "=" + ClusterLabels.MANAGER);
      }
      KubernetesResourceList<T> page = client.resources(type).inAnyNamespace().list(options.build());
      items.addAll(page.getItems());
      next = page.getMetadata().getContinue();
    } while (next != null && !next.isEmpty());
    return items;
  }

  private static <T extends HasMetadata> void warmUp(KubernetesClient client, Class<T> type) {
    ItemStore<T> store = store(client, type, true);
    for (T item : client.resources(type).inAnyNamespace().list(new ListOptionsBuilder().withLimit(1L).build())
        .getItems()) {
      Serialization.asJson(item);
      store.put(store.getKey(item), item);
      store.get(store.getKey(item));
    }
  }

  private static <T extends HasMetadata> Object measureOwned(KubernetesClient client, Class<T> type, int clusters) {
    return measure(type.getSimpleName(), clusters, liveHeap(), list(client, type, true), store(client, type, true));
  }

  /** The store {@link InformerCaches} gives this kind's informer ({@code serialized}: an owned kind's). */
  private static <T extends HasMetadata> ItemStore<T> store(KubernetesClient client, Class<T> type, boolean serialized) {
    boolean asJson = serialized && !Boolean.getBoolean("footprint.objects");
    return asJson ? new SerializedItemStore<>(type, client.getKubernetesSerialization())
        : new BasicItemStore<>(Cache::metaNamespaceKeyFunc);
  }

  private static <T extends HasMetadata> ManagedFieldsStrippingStore<T> measure(String kind, int clusters, long before,
      List<T> items, ItemStore<T> kept) {
    long json = items.stream().mapToLong(item -> Serialization.asJson(item).length()).sum();
    ManagedFieldsStrippingStore<T> store = new ManagedFieldsStrippingStore<>(kept);
    int count = items.size();
    items.forEach(item -> store.put(store.getKey(item), item));
    items.clear();
    report(kind, clusters, before, count, json);
    return store;
  }

  private static void report(String kind, int clusters, long before, int count, long json) {
    long added = liveHeap() - before;
    System.out.printf(Locale.ROOT, "%-24s %6d objects %8.1f KiB heap %6.2f KiB per cluster %6.0f B per object"
            + " (JSON as listed: %6.0f B per object)%n", kind, count, added / 1024.0, added / 1024.0 / clusters,
        count == 0 ? 0.0 : added / (double) count, count == 0 ? 0.0 : json / (double) count);
  }

  private static long liveHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
