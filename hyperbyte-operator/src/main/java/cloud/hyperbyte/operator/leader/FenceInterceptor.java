package cloud.hyperbyte.operator.leader;

import cloud.hyperbyte.reconcile.port.Fence;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Puts a {@link Fence} in front of every Kubernetes API request that changes something: applies,
 * status writes, deletes, Events, restore pods, and exec sessions into member pods (an exec is a GET
 * upgraded to a stream). One place for all writes of the process, so a write path added later is
 * fenced too. Reads, watches and the Lease itself pass: the elector must be able to renew or
 * release the Lease that opens the fence.
 */
public final class FenceInterceptor implements Interceptor {

  /** The name it is installed under among a client's interceptors. */
  public static final String NAME = "hyperbyte-fence";
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");
  private static final String LEASES = "/apis/coordination.k8s.io/";

  private final Fence fence;

  public FenceInterceptor(Fence fence) {
    this.fence = Objects.requireNonNull(fence, "fence");
  }

  /** Configures a client built with it to pass {@code fence} before every write. */
  public static Consumer<KubernetesClientBuilder> installing(Fence fence) {
    FenceInterceptor interceptor = new FenceInterceptor(fence);
    return builder -> builder.withHttpClientBuilderConsumer(http -> http.addOrReplaceInterceptor(NAME, interceptor));
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    String path = request.uri().getPath();
    boolean exec = path.endsWith("/exec") || path.endsWith("/attach");
    if ((READS.contains(request.method()) && !exec) || path.startsWith(LEASES)) {
      return;
    }
    fence.check(request.method() + " " + path);
  }
}
