package dev.vigil.scap.content;

import dev.vigil.scap.content.BenchmarkModel.RawProfile;
import dev.vigil.scap.content.BenchmarkModel.Select;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/** Reads one XCCDF {@code Benchmark} element, from its start tag to its end tag, in one pass. */
final class BenchmarkReader {
  private static final String[] NONE = new String[0];

  private final XMLStreamReader r;
  private final BenchmarkModel m = new BenchmarkModel();
  private final Text.Best title = new Text.Best();
  private int[] itemAt = new int[64];

  private BenchmarkReader(XMLStreamReader reader) {
    this.r = reader;
  }

  /** Reads the benchmark the reader is positioned on; leaves it on the benchmark's end tag. */
  static BenchmarkInfo read(XMLStreamReader reader) throws XMLStreamException {
    return new BenchmarkReader(reader).readBenchmark().toInfo();
  }

  private BenchmarkModel readBenchmark() throws XMLStreamException {
    m.id = attr("id", "");
    int depth = 0;
    itemAt[0] = -1;
    while (depth >= 0) {
      int event = r.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        depth++;
        if (depth == itemAt.length) {
          itemAt = Arrays.copyOf(itemAt, depth * 2);
        }
        itemAt[depth] = -1;
        if (Ns.isXccdf(r.getNamespaceURI()) && element(depth)) {
          depth--;
        }
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
    m.title = title.get();
    return m;
  }

  /**
   * Handles an XCCDF start tag at {@code depth} below the benchmark; returns true when it consumed
   * the element up to its end tag.
   */
  private boolean element(int depth) throws XMLStreamException {
    String name = r.getLocalName();
    switch (name) {
      case "Group", "Rule" -> itemAt[depth] = item(depth, name.equals("Rule"));
      case "requires" -> onItem(depth, true);
      case "conflicts" -> onItem(depth, false);
      default -> {
        return depth == 1 && benchmarkChild(name);
      }
    }
    return false;
  }

  private boolean benchmarkChild(String name) throws XMLStreamException {
    switch (name) {
      case "title" -> title.offer(lang(), Text.title(r));
      case "version" -> m.version = Text.title(r);
      case "platform" -> {
        m.platforms.add(attr("idref", ""));
        return false;
      }
      case "Profile" -> m.profiles.add(profile());
      default -> {
        return false;
      }
    }
    return true;
  }

  private int item(int depth, boolean isRule) {
    boolean selected = bool(attr("selected", "true"));
    boolean isAbstract = bool(attr("abstract", "false"));
    int i = m.addItem(attrOrNull("id"), itemAt[depth - 1], isRule, selected, isAbstract);
    String cluster = attrOrNull("cluster-id");
    if (cluster != null) {
      m.addToCluster(cluster, i);
    }
    return i;
  }

  private void onItem(int depth, boolean requires) {
    int owner = itemAt[depth - 1];
    String[] ids = split(attr("idref", ""));
    if (owner < 0 || ids.length == 0) {
      return;
    }
    if (requires) {
      m.addRequires(owner, ids);
    } else {
      m.addConflicts(owner, ids);
    }
  }

  /** Reads a {@code Profile} element to its end tag. */
  private RawProfile profile() throws XMLStreamException {
    String id = attr("id", "");
    boolean isAbstract = bool(attr("abstract", "false"));
    String ext = attrOrNull("extends");
    Text.Best profileTitle = new Text.Best();
    Text.Best description = new Text.Best();
    List<Select> selects = new ArrayList<>();
    int depth = 0;
    while (depth >= 0) {
      int event = r.next();
      if (event == XMLStreamConstants.END_ELEMENT) {
        depth--;
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        if (depth == 0 && Ns.isXccdf(r.getNamespaceURI())) {
          switch (r.getLocalName()) {
            case "title" -> profileTitle.offer(lang(), Text.title(r));
            case "description" -> description.offer(lang(), Text.description(r));
            case "select" -> selects.add(select());
            default -> {}
          }
        }
        depth += r.isEndElement() ? 0 : 1;
      }
    }
    return new RawProfile(
        id, profileTitle.get(), description.get(), isAbstract, ext, List.copyOf(selects));
  }

  private Select select() {
    return new Select(attr("idref", "").strip(), bool(attr("selected", "true")));
  }

  private @Nullable String lang() {
    return r.getAttributeValue(Ns.XML, "lang");
  }

  private String attr(String name, String dflt) {
    String v = attrOrNull(name);
    return v == null ? dflt : v;
  }

  private @Nullable String attrOrNull(String name) {
    return r.getAttributeValue(null, name);
  }

  private static boolean bool(String xsdBoolean) {
    String v = xsdBoolean.strip();
    return v.equals("true") || v.equals("1");
  }

  private static String[] split(String list) {
    String s = list.strip();
    return s.isEmpty() ? NONE : s.split("\\s+");
  }
}
