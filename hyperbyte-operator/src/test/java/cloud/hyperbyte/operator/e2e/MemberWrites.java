package cloud.hyperbyte.operator.e2e;

import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** Writes of line-protocol points to a simulated member, as a client of the database would send them. */
public final class MemberWrites {

  private MemberWrites() {}

  /** Posts {@code points} to database {@code metrics} on member pod {@code namespace/pod}; returns the HTTP status. */
  public static int write(SimulatedCluster sim, String namespace, String pod, List<String> points) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://" + sim.loopbackAddress(namespace, pod) + "/write?db=metrics"))
            .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", points))).build(),
        HttpResponse.BodyHandlers.ofString());
    return response.statusCode();
  }
}
