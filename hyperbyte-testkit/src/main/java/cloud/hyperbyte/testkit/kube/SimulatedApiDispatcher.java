package cloud.hyperbyte.testkit.kube;

import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.CustomResourceAware;
import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.locks.ReentrantLock;
import tools.jackson.core.JacksonException;

/**
 * The front door of the simulated API: records each request, applies injected faults, answers the
 * mock server's own expectations ({@code /version}, {@code /}), and passes everything else to the
 * compensating CRUD store, one write at a time (a real server serialises writes per object in etcd;
 * here applies and garbage collection read and then write, so all writes are serialised).
 */
final class SimulatedApiDispatcher extends Dispatcher implements Resetable, CustomResourceAware {

  /** User agent of the testkit's own controllers: their requests are logged as such and never faulted. */
  static final String CONTROLLER_USER_AGENT = "hyperbyte-testkit-controllers";

  private final Map<ServerRequest, Queue<ServerResponse>> expectations;
  private final MockDispatcher expectationDispatcher;
  private final CompensatingCrudDispatcher store;
  private final ApiFaults faults;
  private final ApiRequestLog log;
  private final ReentrantLock writes = new ReentrantLock();
  private final Runnable afterEachRequest;

  /** {@code afterEachRequest} runs after every request (the server's own bookkeeping). */
  SimulatedApiDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations, CompensatingCrudDispatcher store,
      ApiFaults faults, ApiRequestLog log, Runnable afterEachRequest) {
    this.afterEachRequest = afterEachRequest;
    this.expectations = expectations;
    this.expectationDispatcher = new MockDispatcher(expectations);
    this.store = store;
    this.faults = faults;
    this.log = log;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    try {
      return handle(request);
    } finally {
      afterEachRequest.run();
    }
  }

  private MockResponse handle(RecordedRequest request) {
    String userAgent = request.getHeader("User-Agent");
    boolean fromControllers = userAgent != null && userAgent.startsWith(CONTROLLER_USER_AGENT);
    Optional<ApiRequest> parsed = ApiRequest.parse(request.getMethod(), request.getPath(), createdName(request),
        fromControllers);
    // the controllers' own reads and resyncs would only bloat the log
    parsed.filter(r -> !r.fromControllers() || r.verb().isWrite()).ifPresent(log::record);
    Optional<ApiFaults.Injected> fault = parsed.flatMap(faults::fire);
    if (fault.isPresent() && !fault.get().fault().commitsFirst()) {
      return fault.get().fault().answer(null);
    }
    Queue<ServerResponse> expected = expectations.get(new SimpleRequest(request.method(), request.getPath()));
    if (expected != null && !expected.isEmpty()) {
      return expectationDispatcher.dispatch(request);
    }
    MockResponse response;
    if (parsed.isPresent() && parsed.get().verb().isWrite()) {
      writes.lock();
      try {
        response = store.dispatch(request);
      } finally {
        writes.unlock();
      }
    } else {
      response = store.dispatch(request);
    }
    return fault.isPresent() ? fault.get().fault().answer(response) : response;
  }

  private static String createdName(RecordedRequest request) {
    if (request.method() != HttpMethod.POST || request.getBody() == null || request.getBody().size() == 0) {
      return null;
    }
    try {
      // getBytes() copies: the store still reads the body afterwards
      return Json.mapper().readTree(request.getBody().getBytes()).path("metadata").path("name").asText(null);
    } catch (JacksonException e) {
      return null;
    }
  }

  @Override
  public void shutdown() {
    store.shutdown();
    expectationDispatcher.shutdown();
  }

  @Override
  public void releaseResources() {
    store.releaseResources();
    expectationDispatcher.releaseResources();
  }

  @Override
  public void reset() {
    store.reset();
  }

  @Override
  public void expectCustomResource(CustomResourceDefinitionContext rdc) {
    store.expectCustomResource(rdc);
  }
}
