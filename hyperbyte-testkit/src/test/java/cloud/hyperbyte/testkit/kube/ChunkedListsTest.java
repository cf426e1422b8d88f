package cloud.hyperbyte.testkit.kube;

import static cloud.hyperbyte.testkit.kube.Fixtures.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import cloud.hyperbyte.testkit.cluster.ShiftableClock;
import io.fabric8.kubernetes.api.model.ConfigMapList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lists with {@code limit} and {@code continue} answer as kube-apiserver's etcd3 store does: chunks
 * in key order, each chunk of one list at its first chunk's resource version, and continue tokens
 * that are refused when malformed (400) or expired by compaction (410).
 */
class ChunkedListsTest {

  private final ShiftableClock clock = ShiftableClock.at("2026-08-01T00:00:00Z");
  private SimulatedKubernetes kube;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    kube = SimulatedKubernetes.start(clock, 0L);
    client = kube.client();
    for (String name : List.of("e", "b", "g", "a", "f", "c", "d")) {
      client.configMaps().resource(Fixtures.configMap(name, Map.of("k", name))).create();
    }
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  private ConfigMapList page(long limit, String token) {
    return client.configMaps().inNamespace(NS).list(new ListOptionsBuilder().withLimit(limit).withContinue(token).build());
  }

  private static List<String> names(ConfigMapList list) {
    return list.getItems().stream().map(item -> item.getMetadata().getName()).toList();
  }

  @Test
  void aLimitedListReturnsAtMostLimitItemsInKeyOrderWithATokenAndTheCountOfTheRest() {
    ConfigMapList first = page(3, null);

    assertThat(names(first)).containsExactly("a", "b", "c");
    assertThat(first.getMetadata().getContinue()).isNotBlank();
    assertThat(first.getMetadata().getRemainingItemCount()).isEqualTo(4L);
  }

  @Test
  void followingTheTokensReturnsEveryItemOnceAndTheLastChunkHasNoToken() {
    List<String> all = new ArrayList<>();
    List<Long> remaining = new ArrayList<>();
    String token = null;
    int chunks = 0;
    do {
      ConfigMapList chunk = page(3, token);
      all.addAll(names(chunk));
      remaining.add(chunk.getMetadata().getRemainingItemCount());
      token = chunk.getMetadata().getContinue();
      chunks++;
    } while (token != null && !token.isEmpty());

    assertThat(all).containsExactly("a", "b", "c", "d", "e", "f", "g");
    assertThat(chunks).isEqualTo(3);
    assertThat(remaining).containsExactly(4L, 1L, null);
    assertThat(kube.servedLists()).extracting(ServedList::limit, ServedList::continued, ServedList::items, ServedList::more)
        .containsExactly(tuple(3L, false, 3, true), tuple(3L, true, 3, true), tuple(3L, true, 1, false));
  }

  @Test
  void everyChunkIsOfTheListAsItWasAtTheFirstChunk() {
    ConfigMapList first = page(3, null);
    client.configMaps().inNamespace(NS).withName("d").delete();
    client.configMaps().resource(Fixtures.configMap("bb", Map.of())).create();
    client.configMaps().resource(Fixtures.configMap("h", Map.of())).create();

    ConfigMapList second = page(10, first.getMetadata().getContinue());

    assertThat(names(second)).containsExactly("d", "e", "f", "g");
    assertThat(second.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
    assertThat(names(client.configMaps().inNamespace(NS).list())).containsExactly("a", "b", "bb", "c", "e", "f", "g", "h");
  }

  @Test
  void aSelectedListHasNoRemainingCount() {
    ListOptions options = new ListOptionsBuilder().withLimit(2L).withLabelSelector("!absent").build();

    ConfigMapList first = client.configMaps().inNamespace(NS).list(options);

    assertThat(names(first)).containsExactly("a", "b");
    assertThat(first.getMetadata().getContinue()).isNotBlank();
    assertThat(first.getMetadata().getRemainingItemCount()).isNull();
  }

  @Test
  void aListWithoutLimitIsWhole() {
    ConfigMapList all = client.configMaps().inNamespace(NS).list();

    assertThat(names(all)).hasSize(7);
    assertThat(all.getMetadata().getContinue()).isNull();
  }

  @Test
  void aTokenThatIsNotTheServersIsABadRequest() {
    String notBase64 = "%%%";
    String wrongVersion = Base64.getUrlEncoder().encodeToString(
        "{\"v\":\"other/v9\",\"rv\":1,\"start\":\"test/a\\u0000\"}".getBytes(StandardCharsets.UTF_8));

    for (String token : List.of(notBase64, wrongVersion)) {
      assertThatThrownBy(() -> page(3, token))
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(400));
    }
  }

  @Test
  void aTokenOlderThanTheCompactionIntervalIsExpiredOnceTheStoreHasChanged() {
    String token = page(3, null).getMetadata().getContinue();
    client.configMaps().resource(Fixtures.configMap("h", Map.of())).create();
    clock.advance(ListChunks.COMPACTION_INTERVAL.plus(Duration.ofSeconds(1)));

    assertThatThrownBy(() -> page(3, token)).isInstanceOfSatisfying(KubernetesClientException.class, e -> {
      assertThat(e.getCode()).isEqualTo(410);
      assertThat(e.getStatus().getReason()).isEqualTo("Expired");
    });
  }

  @Test
  void aTokenWithinTheCompactionIntervalStillContinues() {
    String token = page(3, null).getMetadata().getContinue();
    clock.advance(ListChunks.COMPACTION_INTERVAL.minus(Duration.ofSeconds(1)));
    client.configMaps().resource(Fixtures.configMap("h", Map.of())).create();

    assertThat(names(page(10, token))).containsExactly("d", "e", "f", "g");
  }

  @Test
  void readingAListToItsEndForgetsItsSnapshotSoAReusedTokenAfterWritesIsExpired() {
    String token = page(3, null).getMetadata().getContinue();
    page(10, token);
    client.configMaps().resource(Fixtures.configMap("h", Map.of())).create();

    assertThatThrownBy(() -> page(10, token))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(410));
  }

}
