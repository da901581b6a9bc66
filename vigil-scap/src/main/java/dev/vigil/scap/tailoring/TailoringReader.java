package dev.vigil.scap.tailoring;

import dev.vigil.scap.content.ScapContentException;
import dev.vigil.scap.xml.SafeXml;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an XCCDF 1.2 tailoring file (SCAP Workbench's or {@code autotailor}'s output) with {@link
 * SafeXml}: a DOCTYPE, external entities and malformed XML are refused. Its {@code <benchmark
 * href>} is never followed: which benchmark a tailoring fits is told from the profile it extends
 * and the ids it names (see {@link TailoringCheck}). One profile per file; the elements Vigil
 * cannot keep ({@code refine-rule}, {@code refine-value}, {@code set-complex-value}) are refused by
 * name.
 */
public final class TailoringReader {

  /** The XCCDF 1.2 namespace, the only one a tailoring file may use. */
  public static final String XCCDF_12 = "http://checklists.nist.gov/xccdf/1.2";

  private static final String XCCDF_11 = "http://checklists.nist.gov/xccdf/1.1";

  private TailoringReader() {}

  /**
   * The one tailored profile of the file.
   *
   * @param name what the stream is, for messages
   * @throws ScapContentException naming what is wrong with the file
   */
  public static TailoredProfile read(InputStream in, String name) throws ScapContentException {
    XMLStreamReader r = SafeXml.open(in, SafeXml.newInputFactory(), name);
    try {
      return readRoot(r);
    } catch (XMLStreamException e) {
      throw SafeXml.failure(e);
    } finally {
      try {
        r.close();
      } catch (XMLStreamException ignored) {
        // already failed or finished
      }
    }
  }

  private static TailoredProfile readRoot(XMLStreamReader r)
      throws XMLStreamException, ScapContentException {
    r.nextTag();
    if (XCCDF_11.equals(r.getNamespaceURI())) {
      throw new ScapContentException(
          "an XCCDF 1.1 file: tailoring files must be XCCDF 1.2 (" + XCCDF_12 + ")");
    }
    if (!XCCDF_12.equals(r.getNamespaceURI()) || !"Tailoring".equals(r.getLocalName())) {
      throw new ScapContentException(
          "not an XCCDF 1.2 tailoring file: the root element is <"
              + r.getLocalName()
              + "> in "
              + (r.getNamespaceURI() == null ? "no namespace" : r.getNamespaceURI())
              + ", expected <Tailoring> in "
              + XCCDF_12);
    }
    TailoredProfile found = null;
    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
      String local = r.getLocalName();
      if (XCCDF_12.equals(r.getNamespaceURI()) && "Profile".equals(local)) {
        if (found != null) {
          throw new ScapContentException(
              "the tailoring file has more than one Profile; upload one profile per tailoring");
        }
        found = profile(r);
      } else {
        skip(r);
      }
    }
    if (found == null) {
      throw new ScapContentException("the tailoring file has no Profile");
    }
    return found;
  }

  private static TailoredProfile profile(XMLStreamReader r)
      throws XMLStreamException, ScapContentException {
    String id = r.getAttributeValue(null, "id");
    String extendsId = r.getAttributeValue(null, "extends");
    if (id == null || id.isBlank()) {
      throw new ScapContentException("the tailored Profile has no id");
    }
    if (extendsId == null || extendsId.isBlank()) {
      throw new ScapContentException(
          "the tailored Profile " + id + " extends no profile (its extends attribute is missing)");
    }
    String title = null;
    String description = null;
    Map<String, Boolean> rules = new LinkedHashMap<>();
    Map<String, String> values = new LinkedHashMap<>();
    while (r.nextTag() == XMLStreamConstants.START_ELEMENT) {
      String local = r.getLocalName();
      if (!XCCDF_12.equals(r.getNamespaceURI())) {
        skip(r);
        continue;
      }
      switch (local) {
        case "title" -> title = title == null ? text(r) : skipText(r, title);
        case "description" ->
            description = description == null ? text(r) : skipText(r, description);
        case "select" -> select(r, rules);
        case "set-value" -> setValue(r, values);
        case "refine-rule", "refine-value", "set-complex-value" ->
            throw new ScapContentException(
                "the tailored Profile uses <"
                    + local
                    + ">, which Vigil does not keep; only select and set-value are supported");
        default -> skip(r);
      }
    }
    return new TailoredProfile(
        id,
        extendsId,
        title == null ? "" : title,
        description == null ? "" : description,
        rules,
        values);
  }

  private static void select(XMLStreamReader r, Map<String, Boolean> rules)
      throws XMLStreamException, ScapContentException {
    String idref = r.getAttributeValue(null, "idref");
    String selected = r.getAttributeValue(null, "selected");
    if (idref == null || idref.isBlank()) {
      throw new ScapContentException("a select has no idref");
    }
    if (!"true".equals(selected)
        && !"false".equals(selected)
        && !"1".equals(selected)
        && !"0".equals(selected)) {
      throw new ScapContentException(
          "the select of " + idref + " has selected=\"" + selected + "\", not true or false");
    }
    rules.put(idref, "true".equals(selected) || "1".equals(selected));
    skip(r);
  }

  private static void setValue(XMLStreamReader r, Map<String, String> values)
      throws XMLStreamException, ScapContentException {
    String idref = r.getAttributeValue(null, "idref");
    if (idref == null || idref.isBlank()) {
      throw new ScapContentException("a set-value has no idref");
    }
    values.put(idref, text(r));
  }

  private static String text(XMLStreamReader r) throws XMLStreamException {
    StringBuilder b = new StringBuilder();
    int depth = 1;
    while (depth > 0) {
      int e = r.next();
      if (e == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (e == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (e == XMLStreamConstants.CHARACTERS
          || e == XMLStreamConstants.CDATA
          || e == XMLStreamConstants.SPACE) {
        b.append(r.getText());
      }
    }
    return b.toString().strip();
  }

  private static String skipText(XMLStreamReader r, String keep) throws XMLStreamException {
    skip(r);
    return keep;
  }

  private static void skip(XMLStreamReader r) throws XMLStreamException {
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
