package dev.vigil.scap.tailoring;

import dev.vigil.scap.content.ScapContentException;
import dev.vigil.scap.xml.SafeXml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * What a tailoring of a checklist may name, read from the checklist (a source datastream or an
 * XCCDF benchmark) in one streaming pass: its benchmarks' profiles, rules and {@code xccdf:Value}s
 * with their titles, types, defaults, selector choices and bounds.
 */
public record ChecklistCatalog(
    List<String> benchmarkIds,
    Map<String, String> profiles,
    Map<String, String> rules,
    Map<String, ValueInfo> values) {

  public ChecklistCatalog {
    benchmarkIds = List.copyOf(benchmarkIds);
    profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
    rules = Collections.unmodifiableMap(new LinkedHashMap<>(rules));
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /**
   * One {@code xccdf:Value}: its type ({@code string}, {@code number} or {@code boolean}), default,
   * the values its selectors name (selector → value), whether a value must be one of its {@code
   * choices} ({@code mustMatch}) and its bounds, null when none.
   */
  public record ValueInfo(
      String id,
      String title,
      String type,
      @Nullable String defaultValue,
      Map<String, String> selectors,
      List<String> choices,
      boolean mustMatch,
      @Nullable String lowerBound,
      @Nullable String upperBound) {

    public ValueInfo {
      selectors = Collections.unmodifiableMap(new LinkedHashMap<>(selectors));
      choices = List.copyOf(choices);
    }
  }

  /**
   * Reads the catalog of {@code checklist}.
   *
   * @throws ScapContentException when the file cannot be read or is refused by {@link SafeXml}
   */
  public static ChecklistCatalog read(Path checklist) throws ScapContentException {
    XMLStreamReader r = SafeXml.open(checklist);
    try {
      return new Reader(r).read();
    } catch (XMLStreamException e) {
      throw SafeXml.failure(e);
    } finally {
      try {
        r.close();
      } catch (XMLStreamException ignored) {
        // finished or failed
      }
    }
  }

  private static final class Reader {
    private final XMLStreamReader r;
    private final List<String> benchmarks = new ArrayList<>();
    private final Map<String, String> profiles = new LinkedHashMap<>();
    private final Map<String, String> rules = new LinkedHashMap<>();
    private final Map<String, ValueInfo> values = new LinkedHashMap<>();

    Reader(XMLStreamReader r) {
      this.r = r;
    }

    ChecklistCatalog read() throws XMLStreamException {
      while (r.hasNext()) {
        if (r.next() != XMLStreamConstants.START_ELEMENT || !xccdf()) {
          continue;
        }
        switch (r.getLocalName()) {
          case "Benchmark" -> benchmarks.add(attr("id"));
          case "Profile" -> profiles.putIfAbsent(attr("id"), titleOf());
          case "Rule" -> rules.putIfAbsent(attr("id"), titleOf());
          case "Value" -> value();
          case "TestResult", "Tailoring" -> skip();
          default -> {
            // descend: groups hold rules and values
          }
        }
      }
      return new ChecklistCatalog(benchmarks, profiles, rules, values);
    }

    private boolean xccdf() {
      String ns = r.getNamespaceURI();
      return TailoringReader.XCCDF_12.equals(ns)
          || "http://checklists.nist.gov/xccdf/1.1".equals(ns);
    }

    private String attr(String name) {
      String v = r.getAttributeValue(null, name);
      return v == null ? "" : v;
    }

    /** The element's first direct title; consumes the element. */
    private String titleOf() throws XMLStreamException {
      String title = "";
      while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
        if (title.isEmpty() && "title".equals(r.getLocalName()) && xccdf()) {
          title = text();
        } else {
          skip();
        }
      }
      return title;
    }

    private void value() throws XMLStreamException {
      String id = attr("id");
      String type = r.getAttributeValue(null, "type");
      String title = "";
      @Nullable String def = null;
      Map<String, String> selectors = new LinkedHashMap<>();
      List<String> choices = new ArrayList<>();
      boolean mustMatch = false;
      @Nullable String lower = null;
      @Nullable String upper = null;
      while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
        if (!xccdf()) {
          skip();
          continue;
        }
        String selector = r.getAttributeValue(null, "selector");
        switch (r.getLocalName()) {
          case "title" -> title = title.isEmpty() ? text() : skipKeeping(title);
          case "value" -> {
            String v = text();
            if (selector == null || selector.isEmpty()) {
              def = def == null ? v : def;
            } else {
              selectors.putIfAbsent(selector, v);
            }
          }
          case "lower-bound" -> lower = boundOf(selector, lower);
          case "upper-bound" -> upper = boundOf(selector, upper);
          case "choices" -> mustMatch = choices(selector, choices) || mustMatch;
          default -> skip();
        }
      }
      values.putIfAbsent(
          id,
          new ValueInfo(
              id,
              title,
              type == null ? "string" : type,
              def,
              selectors,
              choices,
              mustMatch,
              lower,
              upper));
    }

    private @Nullable String boundOf(@Nullable String selector, @Nullable String current)
        throws XMLStreamException {
      String v = text();
      return selector == null || selector.isEmpty() ? v : current;
    }

    private boolean choices(@Nullable String selector, List<String> choices)
        throws XMLStreamException {
      boolean plain = selector == null || selector.isEmpty();
      boolean mustMatch = plain && "true".equals(r.getAttributeValue(null, "mustMatch"));
      while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
        if ("choice".equals(r.getLocalName()) && plain) {
          choices.add(text());
        } else {
          skip();
        }
      }
      return mustMatch;
    }

    private String skipKeeping(String keep) throws XMLStreamException {
      skip();
      return keep;
    }

    private String text() throws XMLStreamException {
      StringBuilder b = new StringBuilder();
      int depth = 1;
      while (depth > 0) {
        int e = r.next();
        if (e == XMLStreamConstants.START_ELEMENT) {
          depth++;
        } else if (e == XMLStreamConstants.END_ELEMENT) {
          depth--;
        } else if (e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA) {
          b.append(r.getText());
        }
      }
      return b.toString().strip();
    }

    private void skip() throws XMLStreamException {
      int depth = 1;
      while (depth > 0) {
        int e = r.next();
        if (e == XMLStreamConstants.START_ELEMENT) {
          depth++;
        } else if (e == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    }
  }
}
