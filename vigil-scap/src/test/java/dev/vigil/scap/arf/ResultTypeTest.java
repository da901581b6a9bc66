package dev.vigil.scap.arf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

/** The nine XCCDF spellings map both ways, and nothing else is accepted. */
class ResultTypeTest {

  @Test
  void mapsEveryXccdfSpellingBothWays() {
    assertThat(ResultType.values()).hasSize(9);
    for (ResultType type : ResultType.values()) {
      assertThat(ResultType.fromXccdf(type.xccdf())).isSameAs(type);
    }
    assertThat(ResultType.fromXccdf(" notapplicable\n")).isEqualTo(ResultType.NOTAPPLICABLE);
    assertThat(ResultType.NOTCHECKED.xccdf()).isEqualTo("notchecked");
  }

  @Test
  void rejectsUnknownSpelling() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ResultType.fromXccdf("not-applicable"))
        .withMessageContaining("'not-applicable'");
  }
}
