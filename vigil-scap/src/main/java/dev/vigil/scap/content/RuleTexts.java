package dev.vigil.scap.content;

import dev.vigil.scap.xml.SafeXml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Reads the texts of XCCDF rules (description, rationale, fix text, fix scripts) from a checklist
 * file — a SCAP 1.2/1.3 source datastream or an XCCDF benchmark — in one streaming pass, as
 * sanitised XHTML ({@link SafeXhtml}); {@code xccdf:sub} references show the default of the
 * referenced Value (or the plain-text), wherever in the file it is defined.
 */
public final class RuleTexts {

  private final XMLStreamReader r;
  private final @Nullable Set<String> wanted;
  private final Map<String, RuleText> marked = new LinkedHashMap<>();
  private final Map<String, String> values = new HashMap<>();

  private RuleTexts(XMLStreamReader r, @Nullable Set<String> wanted) {
    this.r = r;
    this.wanted = wanted;
  }

  /**
   * The texts of the rules of {@code checklist} whose ids are in {@code ruleIds} (null = every
   * rule), in file order; a rule id appearing twice keeps its first texts.
   *
   * @throws ScapContentException when the file cannot be read, is not well-formed or is refused by
   *     {@link SafeXml}
   */
  public static Map<String, RuleText> read(Path checklist, @Nullable Set<String> ruleIds)
      throws ScapContentException {
    XMLStreamReader reader = SafeXml.open(checklist);
    try {
      RuleTexts t = new RuleTexts(reader, ruleIds);
      t.readAll();
      return t.resolved();
    } catch (XMLStreamException e) {
      throw SafeXml.failure(e);
    } finally {
      try {
        reader.close();
      } catch (XMLStreamException ignored) {
        // read already finished or failed
      }
    }
  }

  private void readAll() throws XMLStreamException {
    while (r.hasNext()) {
      if (r.next() != XMLStreamConstants.START_ELEMENT || !Ns.isXccdf(r.getNamespaceURI())) {
        continue;
      }
      String id = r.getAttributeValue(null, "id");
      switch (r.getLocalName()) {
        case "Rule" -> {
          if (id != null && !marked.containsKey(id) && (wanted == null || wanted.contains(id))) {
            marked.put(id, rule());
          }
        }
        case "Value" -> value(id);
        case "plain-text" -> {
          String text = Text.title(r);
          if (id != null) {
            values.putIfAbsent(id, text);
          }
        }
        default -> {}
      }
    }
  }

  /** Reads the rule the reader is on up to its end tag. */
  private RuleText rule() throws XMLStreamException {
    Text.Best description = new Text.Best();
    Text.Best rationale = new Text.Best();
    Text.Best fixtext = new Text.Best();
    List<RuleText.Fix> fixes = new ArrayList<>();
    int depth = 0;
    while (depth >= 0) {
      int event = r.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        if (depth > 0 || !Ns.isXccdf(r.getNamespaceURI())) {
          depth++;
          continue;
        }
        String lang = r.getAttributeValue(Ns.XML, "lang");
        switch (r.getLocalName()) {
          case "description" -> description.offer(lang, SafeXhtml.markup(r));
          case "rationale" -> rationale.offer(lang, SafeXhtml.markup(r));
          case "fixtext" -> fixtext.offer(lang, SafeXhtml.markup(r));
          case "fix" -> {
            String system = r.getAttributeValue(null, "system");
            String script = SafeXhtml.plain(r);
            if (!script.isEmpty()) {
              fixes.add(new RuleText.Fix(system == null ? "" : system, script));
            }
          }
          default -> depth++;
        }
      }
    }
    return new RuleText(description.get(), rationale.get(), fixtext.get(), fixes);
  }

  /** Reads a Value up to its end tag, keeping its default: the value without a selector. */
  private void value(@Nullable String id) throws XMLStreamException {
    @Nullable String first = null;
    @Nullable String plain = null;
    int depth = 0;
    while (depth >= 0) {
      int event = r.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        if (depth == 0 && Ns.isXccdf(r.getNamespaceURI()) && "value".equals(r.getLocalName())) {
          boolean selector = r.getAttributeValue(null, "selector") != null;
          String v = Text.title(r);
          first = first == null ? v : first;
          plain = plain == null && !selector ? v : plain;
        } else {
          depth++;
        }
      }
    }
    String v = plain != null ? plain : first;
    if (id != null && v != null) {
      values.putIfAbsent(id, v);
    }
  }

  private Map<String, RuleText> resolved() {
    Map<String, RuleText> out = new LinkedHashMap<>();
    marked.forEach(
        (id, t) ->
            out.put(
                id,
                new RuleText(
                    SafeXhtml.resolve(t.description(), values),
                    SafeXhtml.resolve(t.rationale(), values),
                    SafeXhtml.resolve(t.fixtext(), values),
                    t.fixes().stream()
                        .map(
                            f ->
                                new RuleText.Fix(f.system(), SafeXhtml.resolve(f.script(), values)))
                        .toList())));
    return out;
  }
}
