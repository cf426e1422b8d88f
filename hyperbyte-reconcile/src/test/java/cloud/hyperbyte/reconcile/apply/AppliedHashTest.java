package cloud.hyperbyte.reconcile.apply;

import static org.assertj.core.api.Assertions.assertThat;

import cloud.hyperbyte.render.metadata.ShortHash;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class AppliedHashTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void equalContentInAnotherMapOrderHasTheSameHash() {
    assertThat(AppliedHash.of(tree("{'a':1,'b':{'x':1,'y':2}}")))
        .isEqualTo(AppliedHash.of(tree("{'b':{'y':2,'x':1},'a':1}")))
        .hasSize(ShortHash.LENGTH);
  }

  @Test
  void removingAFieldChangesTheHash() {
    assertThat(AppliedHash.of(tree("{'spec':{'env':[{'name':'A'}]}}")))
        .isNotEqualTo(AppliedHash.of(tree("{'spec':{'env':[]}}")))
        .isNotEqualTo(AppliedHash.of(tree("{'spec':{}}")));
  }

  @Test
  void listOrderIsContent() {
    assertThat(AppliedHash.of(tree("{'args':['a','b']}"))).isNotEqualTo(AppliedHash.of(tree("{'args':['b','a']}")));
  }

  @Test
  void theHashAnnotationItselfIsNotHashed() {
    ObjectNode stamped = tree("{'metadata':{'name':'x'}}");
    String hash = AppliedHash.of(stamped);

    AppliedHash.stamp(stamped, hash);

    assertThat(AppliedHash.of(stamped)).isEqualTo(hash);
    assertThat(AppliedHash.recorded(stamped)).contains(hash);
  }

  @Test
  void aTreeWithoutTheAnnotationRecordsNoHash() {
    assertThat(AppliedHash.recorded(tree("{'metadata':{'annotations':{'other':'1'}}}"))).isEmpty();
  }

  private static ObjectNode tree(String json) {
    return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
  }
}
