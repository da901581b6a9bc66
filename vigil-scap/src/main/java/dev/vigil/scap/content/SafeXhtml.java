package dev.vigil.scap.content;

import dev.vigil.scap.xml.SafeXml;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * Turns the XHTML of untrusted XCCDF texts (descriptions, rationales, fix texts) into markup that
 * is safe to put into a page: a short allow-list of XHTML elements without attributes (links keep
 * an http/https {@code href} only), everything else dropped or kept as escaped text. The output is
 * built by escaping what was parsed, never by copying input markup.
 */
public final class SafeXhtml {

  /** The XHTML namespace: only elements in it are ever kept. */
  public static final String XHTML = "http://www.w3.org/1999/xhtml";

  /** Longest text kept per element; the rest is cut off with an ellipsis. */
  public static final int MAX_CHARS = 200_000;

  private static final Set<String> KEPT =
      Set.of(
          "p",
          "br",
          "pre",
          "code",
          "tt",
          "em",
          "strong",
          "b",
          "i",
          "ul",
          "ol",
          "li",
          "table",
          "thead",
          "tbody",
          "tr",
          "th",
          "td",
          "blockquote");
  private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

  /** Elements dropped with everything inside them. */
  private static final Set<String> DROPPED =
      Set.of(
          "script",
          "style",
          "iframe",
          "object",
          "embed",
          "noscript",
          "template",
          "head",
          "title",
          "svg",
          "math",
          "frame",
          "frameset",
          "applet",
          "audio",
          "video",
          "canvas",
          "form",
          "input",
          "button",
          "select",
          "textarea",
          "link",
          "meta",
          "base");

  private static final char OPEN = '\uE000';
  private static final char CLOSE = '\uE001';
  private static final Pattern REF = Pattern.compile(OPEN + "([A-Za-z0-9_.:-]{1,300})" + CLOSE);
  private static final Pattern IDREF = Pattern.compile("[A-Za-z0-9_.:-]{1,300}");

  private SafeXhtml() {}

  /**
   * Sanitises a fragment of XCCDF mixed content given as text, with the prefixes {@code html} and
   * {@code xhtml} bound to XHTML and the default namespace to XCCDF 1.2; {@code xccdf:sub} shows
   * its {@code idref}.
   *
   * @throws ScapContentException when the fragment is not well-formed or declares a DOCTYPE
   */
  public static String sanitize(String fragment) throws ScapContentException {
    String doc =
        "<vigil-fragment xmlns=\""
            + Ns.XCCDF_12
            + "\" xmlns:xccdf=\""
            + Ns.XCCDF_12
            + "\" xmlns:html=\""
            + XHTML
            + "\" xmlns:xhtml=\""
            + XHTML
            + "\">"
            + fragment
            + "</vigil-fragment>";
    XMLStreamReader r =
        SafeXml.open(
            new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)),
            SafeXml.newInputFactory(),
            "fragment");
    try {
      r.nextTag();
      return resolve(markup(r), Map.of());
    } catch (XMLStreamException e) {
      throw SafeXml.failure(e);
    }
  }

  /**
   * Reads mixed content from the current START_ELEMENT to its END_ELEMENT as sanitised XHTML;
   * {@code xccdf:sub} references are left as markers for {@link #resolve}.
   */
  static String markup(XMLStreamReader r) throws XMLStreamException {
    Out out = new Out();
    Deque<String> open = new ArrayDeque<>();
    int skipping = 0;
    int depth = 1;
    while (depth > 0) {
      switch (r.next()) {
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          if (skipping > 0) {
            skipping++;
            continue;
          }
          String ns = r.getNamespaceURI();
          String local = r.getLocalName().toLowerCase(Locale.ROOT);
          if (XHTML.equals(ns) && DROPPED.contains(local)) {
            skipping = 1;
            continue;
          }
          if (Ns.isXccdf(ns) && "sub".equals(local)) {
            out.ref(r.getAttributeValue(null, "idref"));
          }
          String tag = XHTML.equals(ns) ? tagFor(local, r) : null;
          open.push(tag == null ? "" : tag);
          if (tag != null) {
            out.raw(openTag(tag, r));
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          depth--;
          if (depth == 0) {
            break;
          }
          if (skipping > 0) {
            skipping--;
            continue;
          }
          String tag = open.pop();
          if (!tag.isEmpty() && !"br".equals(tag)) {
            out.raw("</" + tag + ">");
          }
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (skipping == 0) {
            out.text(r.getText());
          }
        }
        default -> {}
      }
    }
    return out.toString();
  }

  /**
   * Reads the text of the current element (a fix script) to its END_ELEMENT, all markup dropped,
   * escaped and wrapped in {@code <pre>}; {@code xccdf:sub} references are left as markers.
   */
  static String plain(XMLStreamReader r) throws XMLStreamException {
    Out out = new Out();
    int depth = 1;
    while (depth > 0) {
      switch (r.next()) {
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          if (Ns.isXccdf(r.getNamespaceURI()) && "sub".equals(r.getLocalName())) {
            out.ref(r.getAttributeValue(null, "idref"));
          }
        }
        case XMLStreamConstants.END_ELEMENT -> depth--;
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
            out.text(r.getText());
        default -> {}
      }
    }
    String s = out.toString().strip();
    return s.isEmpty() ? "" : "<pre>" + s + "</pre>";
  }

  /**
   * Replaces the {@code xccdf:sub} markers of {@link #markup} or {@link #plain} by the escaped
   * value of the referenced XCCDF Value (or plain-text), or by the escaped id in brackets when it
   * is not known.
   */
  static String resolve(String marked, Map<String, String> values) {
    if (marked.indexOf(OPEN) < 0) {
      return marked;
    }
    Matcher m = REF.matcher(marked);
    StringBuilder sb = new StringBuilder(marked.length());
    while (m.find()) {
      String id = m.group(1);
      String v = values.get(id);
      m.appendReplacement(sb, Matcher.quoteReplacement(escape(v == null ? "[" + id + "]" : v)));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /** Escapes text for an HTML element or a double- or single-quoted attribute value. */
  public static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    appendEscaped(sb, s);
    return sb.toString();
  }

  private static void appendEscaped(StringBuilder sb, CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        case OPEN, CLOSE -> sb.append('\uFFFD');
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            sb.append('\uFFFD');
          } else {
            sb.append(c);
          }
        }
      }
    }
  }

  /** The tag an XHTML element becomes, or null to drop the tag and keep its content. */
  private static @Nullable String tagFor(String local, XMLStreamReader r) {
    if (KEPT.contains(local)) {
      return local;
    }
    if (HEADINGS.contains(local)) {
      return "strong";
    }
    if ("a".equals(local) && safeHref(r.getAttributeValue(null, "href")) != null) {
      return "a";
    }
    return null;
  }

  private static String openTag(String tag, XMLStreamReader r) {
    String href = "a".equals(tag) ? safeHref(r.getAttributeValue(null, "href")) : null;
    if (href != null) { // tagFor keeps an a only with a safe href
      return "<a href=\"" + escape(href) + "\" rel=\"noopener noreferrer nofollow\">";
    }
    return "<" + tag + ">";
  }

  /** The href when it is an absolute http or https URL without whitespace or controls. */
  static @Nullable String safeHref(@Nullable String href) {
    if (href == null) {
      return null;
    }
    String h = href.strip();
    if (h.isEmpty() || h.length() > 2000) {
      return null;
    }
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      if (c <= 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
        return null;
      }
    }
    try {
      URI u = new URI(h);
      String scheme = u.getScheme();
      if (scheme == null || u.getHost() == null) {
        return null;
      }
      String s = scheme.toLowerCase(Locale.ROOT);
      return s.equals("http") || s.equals("https") ? h : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** The output: escaped text up to {@link #MAX_CHARS}, tags always (so nesting stays balanced). */
  private static final class Out {
    private final StringBuilder sb = new StringBuilder();
    private int chars;
    private boolean cut;

    void text(String s) {
      if (cut) {
        return;
      }
      if (chars + s.length() > MAX_CHARS) {
        s = s.substring(0, MAX_CHARS - chars);
        cut = true;
      }
      chars += s.length();
      appendEscaped(sb, s);
      if (cut) {
        sb.append('…');
      }
    }

    void ref(@Nullable String idref) {
      if (!cut && idref != null && IDREF.matcher(idref).matches()) {
        sb.append(OPEN).append(idref).append(CLOSE);
      }
    }

    void raw(String markup) {
      sb.append(markup);
    }

    @Override
    public String toString() {
      return sb.toString();
    }
  }
}
