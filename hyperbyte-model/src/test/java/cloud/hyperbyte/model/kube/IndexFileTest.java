package cloud.hyperbyte.model.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** An index file reads back the entries it was written with, each class's rows in their order. */
class IndexFileTest {

  @Test
  void givenWrittenEntriesExpectEachClassesRowsBack() {
    String text = new IndexFile.Writer("# a comment\n# another\n")
        .entry("bean", "a.B").member("set", "x", "setX", "int").member("set", "", "setY", "long")
        .entry("none", "a.C")
        .entry("enum", "a.D").member("spell", "on", "ON")
        .toString();

    IndexFile index = IndexFile.parse(text);

    assertThat(index.classNames()).containsExactlyInAnyOrder("a.B", "a.C", "a.D");
    assertThat(index.rows("a.B")).containsExactly(
        new String[] {"bean", "a.B"}, new String[] {"set", "x", "setX", "int"}, new String[] {"set", "", "setY", "long"});
    assertThat(index.rows("a.C")).containsExactly(new String[][] {{"none", "a.C"}});
    assertThat(index.rows("a.D")).containsExactly(new String[] {"enum", "a.D"}, new String[] {"spell", "on", "ON"});
    assertThat(index.rows("a.E")).isNull();
    assertThat(index.covers("a.D")).isTrue();
    assertThat(index.covers("a.E")).isFalse();
  }

  @Test
  void givenAFieldWithATabOrANewlineExpectNoIndex() {
    IndexFile.Writer writer = new IndexFile.Writer("");

    assertThatThrownBy(() -> writer.member("spell", "a\tb", "A")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> writer.entry("bean", "a\nb")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenNoTextExpectAnIndexOfNoClass() {
    assertThat(IndexFile.parse("# only a comment\n").classNames()).isEmpty();
    assertThat(IndexFile.empty().rows("a.B")).isNull();
    assertThat(IndexFile.load(IndexFileTest.class, "no-such.index").classNames()).isEmpty();
  }
}
