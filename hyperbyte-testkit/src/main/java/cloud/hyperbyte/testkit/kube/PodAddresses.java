package cloud.hyperbyte.testkit.kube;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out pod IPs 10.0.x.y, a new one per pod incarnation, like a CNI would. One per simulated
 * API ({@link SimulatedKubernetes#podAddresses()}), so the addresses a cluster's pods get depend on
 * that cluster alone, not on other simulations in the JVM before or beside it.
 */
public final class PodAddresses {

  private final AtomicInteger next = new AtomicInteger();

  /** A pod IP no other pod incarnation of this simulation got (until 65,024 of them wrap around). */
  public String next() {
    int n = next.getAndIncrement();
    return "10.0." + ((n / 254) % 256) + "." + (n % 254 + 1);
  }
}
