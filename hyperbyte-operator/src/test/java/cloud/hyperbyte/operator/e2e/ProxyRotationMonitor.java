package cloud.hyperbyte.operator.e2e;

import cloud.hyperbyte.testkit.cluster.ProxyCall;
import cloud.hyperbyte.testkit.cluster.ProxyRouting;
import cloud.hyperbyte.testkit.cluster.SimulatedCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records, for one cluster, every exclude and include call the simulated proxies answer and every
 * change of what a proxy pod routes to, in one order (each is recorded on the simulation's thread
 * before it takes effect), together with what the member concerned was at that moment: which pod
 * incarnation had the backend IP, whether that member answered {@code /health} and was a Raft voter.
 * A proxy log alone names IPs; this turns it into "hdb-2 (old pod) excluded", "proxy pod b routes to
 * hdb-2 (old pod)".
 */
final class ProxyRotationMonitor implements AutoCloseable {

  /**
   * One proxy call and the member it was about, as things stood when it arrived.
   *
   * @param seq position among everything this monitor recorded
   * @param member the pod that had the backend IP, {@code "?"} when none had it
   * @param memberUid that pod incarnation's UID
   * @param ready whether its member answered {@code /health}
   * @param voter whether its member was a Raft voter
   */
  record Call(long seq, String proxyPod, String action, String backendIp, int status, String member,
      String memberUid, boolean ready, boolean voter) {

    boolean isExclude() {
      return action.equals("exclude");
    }

    boolean isInclude() {
      return action.equals("include");
    }
  }

  /**
   * What one proxy pod routes to from a moment on.
   *
   * @param seq position among everything this monitor recorded
   * @param proxyImage the image of the proxy pod
   * @param first whether the proxy pod just started (its first report, and it did not run when the
   *     monitor began)
   * @param backendIps the IPs it routes to
   * @param memberImages each member pod's image at that moment, by pod name
   */
  record Routing(long seq, String proxyPod, String proxyImage, boolean first, Set<String> backendIps,
      Map<String, String> memberImages) {}

  private final SimulatedCluster sim;
  private final KubernetesClient observer;
  private final String namespace;
  private final String cluster;
  private final Pattern memberName;
  private final AtomicLong seq = new AtomicLong();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<Routing> routings = new CopyOnWriteArrayList<>();
  private final Map<String, String> proxyImages = new ConcurrentHashMap<>();
  private final Map<String, Pod> podsByIp = new ConcurrentHashMap<>();
  private volatile boolean closed;

  ProxyRotationMonitor(SimulatedCluster sim, KubernetesClient observer, String namespace, String cluster) {
    this.sim = sim;
    this.observer = observer;
    this.namespace = namespace;
    this.cluster = cluster;
    this.memberName = Pattern.compile(Pattern.quote(cluster) + "-(\\d+)");
    // proxy pods that run already: their next report is not their start
    pods().stream().filter(p -> p.getMetadata().getName().startsWith(cluster + "-proxy-"))
        .forEach(p -> proxyImages.put(p.getMetadata().getName(), image(p)));
    sim.onProxyCall(this::record);
    sim.onProxyRouting(this::record);
  }

  private void record(ProxyCall call) {
    if (closed) {
      return;
    }
    // a call about a pod that is already gone names it by what the IP was last seen as (IPs are not reused)
    Optional<Pod> member = pods().stream()
        .filter(p -> p.getStatus() != null && call.backendIp().equals(p.getStatus().getPodIP()))
        .findFirst()
        .or(() -> Optional.ofNullable(podsByIp.get(call.backendIp())));
    member.ifPresent(p -> podsByIp.put(call.backendIp(), p));
    String name = member.map(p -> p.getMetadata().getName()).orElse("?");
    Matcher ordinal = memberName.matcher(name);
    long nodeId = ordinal.matches() ? Long.parseLong(ordinal.group(1)) + 1 : -1;
    boolean voter = sim.database(namespace, cluster).flatMap(db -> db.raft())
        .map(raft -> raft.voters().contains(nodeId)).orElse(false);
    calls.add(new Call(seq.incrementAndGet(), call.proxyPod(), call.action(), call.backendIp(), call.status(), name,
        member.map(p -> p.getMetadata().getUid()).orElse("?"), sim.memberReady(namespace, name), voter));
  }

  private void record(ProxyRouting routing) {
    if (closed) {
      return;
    }
    boolean first = !proxyImages.containsKey(routing.proxyPod());
    Map<String, String> memberImages = new TreeMap<>();
    if (first) {
      List<Pod> pods = pods();
      proxyImages.put(routing.proxyPod(), pods.stream()
          .filter(p -> p.getMetadata().getName().equals(routing.proxyPod())).findFirst()
          .map(ProxyRotationMonitor::image).orElse("?"));
      pods.stream().filter(p -> memberName.matcher(p.getMetadata().getName()).matches())
          .forEach(p -> memberImages.put(p.getMetadata().getName(), image(p)));
    }
    routings.add(new Routing(seq.incrementAndGet(), routing.proxyPod(), proxyImages.get(routing.proxyPod()), first,
        routing.backendIps(), memberImages));
  }

  private List<Pod> pods() {
    List<Pod> pods = observer.pods().inNamespace(namespace).list().getItems();
    pods.stream().filter(p -> p.getStatus() != null && p.getStatus().getPodIP() != null)
        .forEach(p -> podsByIp.put(p.getStatus().getPodIP(), p));
    return pods;
  }

  private static String image(Pod pod) {
    return pod.getSpec().getContainers().get(0).getImage();
  }

  /** Every call so far, in the order the proxies answered them. */
  List<Call> calls() {
    return new ArrayList<>(calls);
  }

  /** Every routing report so far, in order. */
  List<Routing> routings() {
    return new ArrayList<>(routings);
  }

  /**
   * The calls as "action member", with repeats in a row (the same call to each proxy pod, or again in
   * the next pass) folded: a rotation that takes one member out at a time reads "exclude a, include a,
   * exclude b, …".
   */
  List<String> rotation() {
    List<String> folded = new ArrayList<>();
    for (Call call : calls) {
      String step = call.action() + " " + call.member();
      if (folded.isEmpty() || !folded.get(folded.size() - 1).equals(step)) {
        folded.add(step);
      }
    }
    return folded;
  }

  /**
   * Each time a proxy pod routed to a member's pod while that pod was out: from the first exclusion of
   * that pod incarnation (on any proxy pod) until the member is included back, by a proxy pod that had
   * been told to exclude it, or that started after it went out (and so could not have been told in
   * time). A proxy pod that existed before and whose exclusion is still on its way is not counted.
   */
  List<String> routedWhileOut() {
    List<Call> all = calls();
    List<String> violations = new ArrayList<>();
    Map<String, Call> firstExclusionByUid = new HashMap<>();
    for (Call call : all) {
      if (call.isExclude() && !call.memberUid().equals("?")) {
        firstExclusionByUid.putIfAbsent(call.memberUid(), call);
      }
    }
    Map<String, Long> firstReport = new HashMap<>();
    for (Routing routing : routings()) {
      firstReport.putIfAbsent(routing.proxyPod(), routing.seq());
    }
    for (Call out : firstExclusionByUid.values()) {
      long back = all.stream().filter(c -> c.isInclude() && c.member().equals(out.member()) && c.seq() > out.seq())
          .mapToLong(Call::seq).min().orElse(Long.MAX_VALUE);
      for (Routing routing : routings()) {
        if (routing.seq() < out.seq() || routing.seq() > back || !routing.backendIps().contains(out.backendIp())) {
          continue;
        }
        boolean told = all.stream().anyMatch(c -> c.isExclude() && c.proxyPod().equals(routing.proxyPod())
            && c.backendIp().equals(out.backendIp()) && (c.status() == 200 || c.status() == 409)
            && c.seq() < routing.seq());
        boolean startedAfter = firstReport.get(routing.proxyPod()) > out.seq();
        if (told || startedAfter) {
          violations.add(routing.proxyPod() + " routed to " + out.member() + " (" + out.backendIp() + ", uid "
              + out.memberUid() + ") at #" + routing.seq() + ", out since #" + out.seq());
        }
      }
    }
    return violations;
  }

  @Override
  public void close() {
    closed = true;
  }
}
