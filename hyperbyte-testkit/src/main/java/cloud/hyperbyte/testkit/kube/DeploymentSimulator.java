package cloud.hyperbyte.testkit.kube;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated Deployment controller, enough for the proxy: pods {@code <deployment>-<template hash>-<i>}
 * for {@code spec.replicas}, Running and Ready at once; pods of an older template or beyond the
 * replica count are deleted at once (no surge, no ReplicaSets); status with observedGeneration.
 */
public final class DeploymentSimulator implements AutoCloseable {

  /** Label with the template hash, as the real controller sets it. */
  public static final String TEMPLATE_HASH_LABEL = "pod-template-hash";

  private final KubernetesClient client;
  private final PodAddresses addresses;
  private ControllerLoop loop;
  private SharedIndexInformer<Deployment> deployments;

  /** A simulator on {@code client}; call {@link #start()} (or use {@link SimulatedKubernetes#simulateDeployments}). */
  public DeploymentSimulator(KubernetesClient client) {
    this(client, new PodAddresses());
  }

  /** A simulator on {@code client} whose pods get their IPs from {@code addresses}. */
  public DeploymentSimulator(KubernetesClient client, PodAddresses addresses) {
    this.client = client;
    this.addresses = addresses;
  }

  /** Starts watching Deployments in all namespaces. */
  public DeploymentSimulator start() {
    loop = new ControllerLoop("deployment-simulator", this::reconcile, () -> deployments == null ? List.of()
        : deployments.getStore().list().stream()
            .map(d -> d.getMetadata().getNamespace() + "/" + d.getMetadata().getName()).toList());
    deployments = client.apps().deployments().inAnyNamespace().inform(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Deployment d) {
        loop.enqueue(d.getMetadata().getNamespace() + "/" + d.getMetadata().getName());
      }

      @Override
      public void onUpdate(Deployment old, Deployment d) {
        onAdd(d);
      }

      @Override
      public void onDelete(Deployment d, boolean unknown) {
      }
    });
    return this;
  }

  @Override
  public void close() {
    if (loop != null) {
      loop.close();
    }
    if (deployments != null) {
      deployments.close();
    }
  }

  private void reconcile(String key) {
    int slash = key.indexOf('/');
    String namespace = key.substring(0, slash);
    Deployment deployment = client.apps().deployments().inNamespace(namespace).withName(key.substring(slash + 1)).get();
    if (deployment == null || deployment.getMetadata().getDeletionTimestamp() != null) {
      return;
    }
    String name = deployment.getMetadata().getName();
    int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
    String hash = PodTemplateHash.of(deployment.getSpec().getTemplate());
    List<Pod> owned = client.pods().inNamespace(namespace).list().getItems().stream()
        .filter(p -> SimulatedPods.isControlledBy(p, deployment)).toList();
    for (Pod pod : owned) {
      if (!pod.getMetadata().getName().matches(java.util.regex.Pattern.quote(name + "-" + hash) + "-\\d+")
          || Integer.parseInt(pod.getMetadata().getName().substring((name + "-" + hash + "-").length())) >= replicas) {
        client.pods().resource(pod).delete();
      }
    }
    for (int i = 0; i < replicas; i++) {
      String podName = name + "-" + hash + "-" + i;
      if (owned.stream().noneMatch(p -> p.getMetadata().getName().equals(podName))) {
        Pod pod = client.pods().inNamespace(namespace).resource(newPod(deployment, podName, hash)).create();
        pod.setStatus(SimulatedPods.running(pod, true, addresses.next()));
        client.pods().resource(pod).updateStatus();
      }
    }
    DeploymentStatus status = new DeploymentStatusBuilder()
        .withObservedGeneration(deployment.getMetadata().getGeneration())
        .withReplicas(replicas).withReadyReplicas(replicas).withAvailableReplicas(replicas)
        .withUpdatedReplicas(replicas)
        .withConditions(new DeploymentConditionBuilder().withType("Available").withStatus("True")
            .withReason("MinimumReplicasAvailable").build())
        .build();
    if (!status.equals(deployment.getStatus())) {
      deployment.setStatus(status);
      client.apps().deployments().resource(deployment).updateStatus();
    }
  }

  private static Pod newPod(Deployment deployment, String podName, String hash) {
    PodTemplateSpec template = Serialization.clone(deployment.getSpec().getTemplate());
    Map<String, String> labels = new LinkedHashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.put(TEMPLATE_HASH_LABEL, hash);
    return new PodBuilder()
        .withMetadata(new ObjectMetaBuilder().withName(podName).withNamespace(deployment.getMetadata().getNamespace())
            .withLabels(labels)
            .withAnnotations(template.getMetadata() == null ? null : template.getMetadata().getAnnotations())
            .withOwnerReferences(SimulatedPods.controlledBy(deployment)).build())
        .withSpec(template.getSpec()).build();
  }
}
