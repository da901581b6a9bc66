package dev.vigil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Our pages are served with {@code Content-Security-Policy: default-src 'self'}, which makes a
 * browser ignore inline scripts and inline event handlers: a confirm() in an onsubmit would be
 * skipped silently. Every page's behaviour must come from the static script instead.
 */
class TemplatesFollowCspTest {

  private static final Path TEMPLATES = Path.of("src/main/resources/templates");
  private static final Pattern INLINE_HANDLER =
      Pattern.compile("\\son[a-z]+\\s*=\\s*[\"']", Pattern.CASE_INSENSITIVE);
  private static final Pattern INLINE_SCRIPT =
      Pattern.compile("<script(?![^>]*\\ssrc=)(?![^>]*th:src=)[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern INLINE_STYLE =
      Pattern.compile("<style[\\s>]|\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);

  @Test
  void noTemplateUsesInlineScriptsHandlersOrStyles() throws IOException {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(TEMPLATES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
        String html = Files.readString(f);
        for (Pattern p : List.of(INLINE_HANDLER, INLINE_SCRIPT, INLINE_STYLE)) {
          Matcher m = p.matcher(html);
          while (m.find()) {
            offenders.add(TEMPLATES.relativize(f) + ": " + m.group().trim());
          }
        }
      }
    }
    assertThat(offenders).isEmpty();
  }
}
