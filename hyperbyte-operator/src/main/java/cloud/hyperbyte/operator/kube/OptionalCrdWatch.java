package cloud.hyperbyte.operator.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Watches the CustomResourceDefinitions of the {@link GenericKinds} (Prometheus Operator,
 * cert-manager), each by name, so no other CRD is listed or cached, and tells which of them are
 * Established, i.e. served. Every add, change or removal of one of them is reported as its kind; the
 * listener looks at {@link #established} again. Only metadata and status are kept: a CRD's schema can
 * be hundreds of kilobytes.
 */
final class OptionalCrdWatch implements AutoCloseable {

  private final Map<GenericKinds, SharedIndexInformer<CustomResourceDefinition>> informers =
      new EnumMap<>(GenericKinds.class);

  /** @param changed called on informer threads with the kind whose CRD was added, changed or removed */
  OptionalCrdWatch(KubernetesClient client, Consumer<GenericKinds> changed) {
    for (GenericKinds kind : GenericKinds.values()) {
      SharedIndexInformer<CustomResourceDefinition> informer =
          client.apiextensions().v1().customResourceDefinitions().withName(kind.crdName())
              .withLimit(InformerCaches.LIST_PAGE_SIZE).runnableInformer(0);
      informer.itemStore(ManagedFieldsStrippingStore.alsoDropping(
          new BasicItemStore<>(Cache::metaNamespaceKeyFunc), crd -> crd.setSpec(null)));
      informer.exceptionHandler(InformerRetry.ALWAYS);
      informer.addEventHandler(new ResourceEventHandler<>() {
        @Override
        public void onAdd(CustomResourceDefinition crd) {
          changed.accept(kind);
        }

        @Override
        public void onUpdate(CustomResourceDefinition before, CustomResourceDefinition after) {
          changed.accept(kind);
        }

        @Override
        public void onDelete(CustomResourceDefinition crd, boolean finalStateUnknown) {
          changed.accept(kind);
        }
      });
      informers.put(kind, informer);
    }
  }

  /** Starts watching; returns at once (see {@link #hasSynced()}). */
  void start() {
    informers.values().forEach(SharedIndexInformer::start);
  }

  /** Whether the CRD of {@code kind} exists and is Established (as the cache shows it now). */
  boolean established(GenericKinds kind) {
    return informers.get(kind).getStore().list().stream().anyMatch(OptionalCrdWatch::isEstablished);
  }

  /** Whether every CRD's initial list has completed. */
  boolean hasSynced() {
    return informers.values().stream().allMatch(SharedIndexInformer::hasSynced);
  }

  static boolean isEstablished(CustomResourceDefinition crd) {
    List<CustomResourceDefinitionCondition> conditions = crd.getStatus() == null ? null : crd.getStatus().getConditions();
    return crd.getMetadata().getDeletionTimestamp() == null && Optional.ofNullable(conditions).orElse(List.of()).stream()
        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  @Override
  public void close() {
    informers.values().forEach(SharedIndexInformer::stop);
  }
}
