package cloud.hyperbyte.testkit.kube;

import java.util.concurrent.atomic.AtomicInteger;

/** Hands out pod IPs 10.0.x.y, a new one per pod incarnation, like a CNI would. */
public final class PodAddresses {

  private static final AtomicInteger NEXT = new AtomicInteger();

  private PodAddresses() {}

  /** A pod IP no other pod incarnation got. */
  public static String next() {
    int n = NEXT.getAndIncrement();
    return "10.0." + ((n / 254) % 256) + "." + (n % 254 + 1);
  }
}
