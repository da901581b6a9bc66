package dev.vigil.scap.tailoring;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Writes a standard XCCDF 1.2 tailoring file for one tailored profile, as {@code oscap xccdf eval
 * --tailoring-file} and SCAP Workbench read it. The {@code benchmark href} names the checklist file
 * by name only, for people; oscap ignores it when the checklist is given on its command line.
 */
public final class TailoringWriter {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private TailoringWriter() {}

  /**
   * The file's text.
   *
   * @param tailoringId the Tailoring element's id ({@code xccdf_<namespace>_tailoring_<name>})
   * @param checklistName the checklist's file name, for the benchmark href
   * @param version the tailoring's version number
   * @param time when that version was made
   */
  public static String write(
      TailoredProfile p, String tailoringId, String checklistName, int version, Instant time) {
    StringBuilder b = new StringBuilder(512 + 96 * (p.rules().size() + p.values().size()));
    b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<xccdf:Tailoring xmlns:xccdf=\"")
        .append(TailoringReader.XCCDF_12)
        .append("\" id=\"")
        .append(attr(tailoringId))
        .append("\">\n  <xccdf:benchmark href=\"")
        .append(attr(checklistName))
        .append("\"/>\n  <xccdf:version time=\"")
        .append(TIME.format(time))
        .append("\">")
        .append(version)
        .append("</xccdf:version>\n  <xccdf:Profile id=\"")
        .append(attr(p.profileId()))
        .append("\" extends=\"")
        .append(attr(p.extendsProfile()))
        .append("\">\n");
    if (!p.title().isEmpty()) {
      b.append("    <xccdf:title override=\"true\">")
          .append(text(p.title()))
          .append("</xccdf:title>\n");
    }
    if (!p.description().isEmpty()) {
      b.append("    <xccdf:description override=\"true\">")
          .append(text(p.description()))
          .append("</xccdf:description>\n");
    }
    for (Map.Entry<String, Boolean> e : p.rules().entrySet()) {
      b.append("    <xccdf:select idref=\"")
          .append(attr(e.getKey()))
          .append("\" selected=\"")
          .append(e.getValue())
          .append("\"/>\n");
    }
    for (Map.Entry<String, String> e : p.values().entrySet()) {
      b.append("    <xccdf:set-value idref=\"")
          .append(attr(e.getKey()))
          .append("\">")
          .append(text(e.getValue()))
          .append("</xccdf:set-value>\n");
    }
    return b.append("  </xccdf:Profile>\n</xccdf:Tailoring>\n").toString();
  }

  private static String text(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String attr(String s) {
    return text(s).replace("\"", "&quot;");
  }
}
