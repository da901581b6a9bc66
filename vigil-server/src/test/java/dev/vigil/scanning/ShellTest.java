package dev.vigil.scanning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShellTest {

  @Test
  void wrapsAPlainWordInSingleQuotes() {
    assertThat(Shell.quote("oscap")).isEqualTo("'oscap'");
    assertThat(Shell.quote("")).isEqualTo("''");
  }

  @Test
  void escapesSingleQuotesByClosingAndReopening() {
    assertThat(Shell.quote("it's")).isEqualTo("'it'\\''s'");
  }

  @Test
  void joinsQuotedWordsWithSpaces() {
    assertThat(Shell.join(List.of("oscap", "xccdf eval", "--profile", "a'b")))
        .isEqualTo("'oscap' 'xccdf eval' '--profile' 'a'\\''b'");
  }

  @Test
  void refusesNulCharacters() {
    assertThatThrownBy(() -> Shell.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "two words",
        "it's",
        "'''",
        "\"double\" quotes",
        "$(touch /tmp/vigil-shell-test-pwned)",
        "`id`",
        "$HOME and ${PATH}",
        "line one\nline two\n",
        "back\\slash \\' mixed '\\",
        "glob * ? [a-z] ~ ; & | < > ( ) { } #",
        "-n",
        ""
      })
  void survivesARoundTripThroughARealShell(String word) throws Exception {
    assertThat(printThroughShell(word)).isEqualTo(word);
  }

  @Test
  void joinedWordsStaySeparateArguments() throws Exception {
    String script =
        "for a in " + Shell.join(List.of("a b", "c'd", "$(x)")) + "; do printf '[%s]' \"$a\"; done";
    assertThat(runSh(script)).isEqualTo("[a b][c'd][$(x)]");
  }

  private static String printThroughShell(String word) throws IOException, InterruptedException {
    return runSh("printf %s " + Shell.quote(word));
  }

  private static String runSh(String script) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
