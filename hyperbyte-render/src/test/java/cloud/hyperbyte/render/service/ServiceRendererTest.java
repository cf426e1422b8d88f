package cloud.hyperbyte.render.service;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.render.TestSpecs;
import cloud.hyperbyte.render.topology.ClusterLabels;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

class ServiceRendererTest {

  @Test
  void givenClusterExpectHeadlessServicePublishingNotReadyMembers() {
    Service headless = ServiceRenderer.headless(TestSpecs.threeNode());

    assertThat(headless.getMetadata().getName()).isEqualTo("db-headless");
    assertThat(headless.getMetadata().getLabels()).containsEntry(ClusterLabels.SERVICE_ROLE, "headless");
    assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
    assertThat(headless.getSpec().getSelector()).isEqualTo(ClusterLabels.selector("db"));
    assertThat(headless.getSpec().getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getName()).isEqualTo("http");
      assertThat(port.getPort()).isEqualTo(8086);
      assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
    });
  }

  @Test
  void givenClusterExpectClientServiceOnReadyMembersOnly() {
    Service client = ServiceRenderer.client(TestSpecs.threeNode());

    assertThat(client.getMetadata().getName()).isEqualTo("db");
    assertThat(client.getMetadata().getLabels()).containsEntry(ClusterLabels.SERVICE_ROLE, "client");
    assertThat(client.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(client.getSpec().getPublishNotReadyAddresses()).isNull();
    assertThat(client.getSpec().getSelector()).isEqualTo(ClusterLabels.selector("db"));
  }

  @Test
  void givenOneMemberExpectNoDisruptionBudget() {
    assertThat(DisruptionBudgetRenderer.render(TestSpecs.single())).isEmpty();
  }

  @Test
  void givenTwoOrMoreMembersExpectOneVoluntaryDisruptionAtATime() {
    for (int replicas : new int[] {2, 3, 5}) {
      PodDisruptionBudget pdb = DisruptionBudgetRenderer.render(TestSpecs.single().withReplicas(replicas)).orElseThrow();

      assertThat(pdb.getMetadata().getName()).isEqualTo("db-pdb");
      assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
      assertThat(pdb.getSpec().getMinAvailable()).isNull();
      assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(ClusterLabels.selector("db"));
    }
  }

  @Test
  void givenAutoscalingExpectHpaOnTheClusterScaleSubresource() {
    HorizontalPodAutoscaler hpa = AutoscalerRenderer.render(TestSpecs.highlyAvailable()).orElseThrow();

    assertThat(hpa.getMetadata().getName()).isEqualTo("db");
    assertThat(hpa.getSpec().getScaleTargetRef().getApiVersion()).isEqualTo("hyperbytedb.hyperbyte.cloud/v1alpha1");
    assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("HyperbytedbCluster");
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("db");
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(3);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(7);
    assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies(metric -> {
      assertThat(metric.getResource().getName()).isEqualTo("cpu");
      assertThat(metric.getResource().getTarget().getType()).isEqualTo("Utilization");
      assertThat(metric.getResource().getTarget().getAverageUtilization()).isEqualTo(70);
    });
  }

  @Test
  void givenNoAutoscalingExpectNoHpa() {
    assertThat(AutoscalerRenderer.render(TestSpecs.threeNode())).isEmpty();
  }
}
