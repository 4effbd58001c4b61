package org.trucewatch.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.trucewatch.assessment.Party;
import org.trucewatch.assessment.ReportedActivityInZoneClause;
import org.trucewatch.assessment.Sector;
import org.trucewatch.assessment.TruceTerms;
import org.trucewatch.assessment.ZoneClause;

/**
 * method.html: the terms that the reports judge by and the method they are made by, for every
 * reader of a report. Its first part is written from the terms as the mission applies them (when
 * the truce holds, the zones, the clauses and what each forbids, the background areas); its second
 * is the project's docs/methodology.md, the method's own description (bundled at build time), which
 * every report's "see the method" refers to. Self-contained XHTML in the reports' style.
 */
public final class MethodHtml {
  /** The page's file name, beside report.html; the daily reports link to it from their folder. */
  public static final String FILE = "method.html";

  /** Where the build puts docs/methodology.md. */
  private static final String METHODOLOGY = "methodology.md";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ROOT);

  private static final List<Extension> MARKDOWN = List.of(TablesExtension.create());

  private MethodHtml() {}

  /**
   * The page for {@code terms}, read from the file {@code termsFile} whose SHA-256 is {@code
   * termsSha256}, under method {@code methodVersion}.
   */
  public static String render(
      TruceTerms terms, String termsFile, String termsSha256, String methodVersion) {
    StringBuilder h = ReportHtml.head("Truce Watch: the terms and the method, " + terms.name());
    h.append("<h1>The terms and the method</h1><p class=\"sub\">")
        .append(Xml.esc(terms.name()))
        .append("<br/>Method version ")
        .append(Xml.esc(methodVersion))
        .append(".</p>");
    h.append("<p>The daily reports and the period's report of this truce judge what was observed")
        .append(" against these terms, by this method. Every report, file and finding names the")
        .append(" method version it was made by; a change to any rule or threshold, or to the")
        .append(" background data, is a new version.</p>");
    terms(h, terms, termsFile, termsSha256);
    h.append("<div id=\"method\">")
        .append(METHODOLOGY_HTML)
        .append("<p class=\"small\">The method's description as the project publishes it")
        .append(" (docs/methodology.md; the other files it names are in the project's")
        .append(" documentation too).</p></div>");
    return h.append("</body></html>\n").toString();
  }

  private static void terms(StringBuilder h, TruceTerms t, String file, String sha256) {
    h.append("<h2 id=\"terms\">The terms</h2><p>As the mission applies them, read from ")
        .append(Xml.esc(file))
        .append(" (SHA-256 <code>")
        .append(Xml.esc(sha256))
        .append("</code>).</p>");
    h.append("<h3>In force</h3><p>From ")
        .append(local(t, t.start()))
        .append(" to ")
        .append(local(t, t.end()))
        .append(" local time (")
        .append(Xml.esc(t.timeZone().getId()))
        .append("), that is from ")
        .append(TIME.format(t.start().atOffset(ZoneOffset.UTC)))
        .append(" to ")
        .append(TIME.format(t.end().atOffset(ZoneOffset.UTC)))
        .append(" UTC. A report day runs from ")
        .append(t.reportCutoff())
        .append(" the day before to ")
        .append(t.reportCutoff())
        .append(" local time.</p>");
    if (!t.parties().isEmpty()) {
      h.append("<h3>Parties</h3><ul>");
      for (Party p : t.parties()) {
        h.append("<li>")
            .append(Xml.esc(p.name()))
            .append(": ")
            .append(ground(p.holds()))
            .append("</li>");
      }
      h.append("</ul>");
    }
    h.append("<h3>Line of contact</h3><p>The boundary of the occupied area of the control map ")
        .append(Xml.esc(t.controlMap().source()))
        .append(" of ")
        .append(t.controlMap().date())
        .append(", where it lies more than 3 km inside Ukraine's outline (the method, section")
        .append(" 6).</p>");
    h.append("<h3>Zones</h3>");
    table(
        h,
        "zones",
        List.of("Zone", "Kind", "Extent", "Description"),
        t.zones(),
        z ->
            List.of(
                Xml.esc(z.id()),
                z.kind().name().toLowerCase(Locale.ROOT),
                Double.isNaN(z.widthMetres())
                    ? "an area drawn in the terms"
                    : ReportHtml.n(Math.round(z.widthMetres() / 1000))
                        + " km either side of the line of contact",
                Xml.esc(z.description())));
    h.append("<h3>Clauses</h3>");
    table(
        h,
        "clauses",
        List.of("Clause", "What it forbids", "Type", "Zones", "Events reported"),
        t.clauses(),
        c ->
            List.of(
                Xml.esc(c.id()),
                Xml.esc(c.description()),
                "<code>" + Xml.esc(c.type()) + "</code>",
                c instanceof ZoneClause z ? Xml.esc(String.join(", ", z.zoneIds())) : "",
                c instanceof ReportedActivityInZoneClause r
                    ? r.events().stream()
                        .map(e -> e.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", "))
                    : "(thermal anomalies)"));
    h.append("<p>How each type of clause is judged, and in what order its checks are made: the")
        .append(" method, section 8, \"Verdicts\".</p>");
    if (!t.examples().isEmpty()) {
      h.append("<h3>Worked examples</h3><p>How the clauses apply, as the terms give it: one")
          .append(" observation in, the verdict out. Terms are taken only when every example")
          .append(" gives its verdict.</p>");
      table(
          h,
          "examples",
          List.of("Example", "Clause", "Verdict"),
          t.examples(),
          e -> List.of(Xml.esc(e.name()), Xml.esc(e.clauseId()), e.expect().key()));
    }
    if (!t.staticSources().isEmpty()) {
      h.append("<h3>Static heat sources</h3><p>Detections within the radius of one are")
          .append(" background (the method, section 8).</p>");
      table(
          h,
          "static-sources",
          List.of("Source", "Name", "Centre", "Radius"),
          t.staticSources(),
          x ->
              List.of(
                  Xml.esc(x.id()),
                  Xml.esc(x.name()),
                  String.format(Locale.ROOT, "%.4f° N %.4f° E", x.latitude(), x.longitude()),
                  ReportHtml.n(Math.round(x.radiusMetres())) + " m"));
    }
    if (!t.knownFireAreas().isEmpty()) {
      h.append("<h3>Known fire areas</h3><p>Detections in one, on its days, are not")
          .append(" war-related and take no part in the classification (the method, section")
          .append(" 4).</p>");
      table(
          h,
          "known-fire-areas",
          List.of("Area", "Reason", "Box (longitude, latitude)", "Days (UTC)"),
          t.knownFireAreas(),
          a ->
              List.of(
                  Xml.esc(a.id()),
                  Xml.esc(a.reason()),
                  String.format(
                      Locale.ROOT,
                      "%.4f, %.4f to %.4f, %.4f",
                      a.minLon(),
                      a.minLat(),
                      a.maxLon(),
                      a.maxLat()),
                  a.to() == null ? a.from() + " on" : a.from() + " to " + a.to()));
    }
    if (!t.sectors().isEmpty()) {
      h.append("<h3>Monitoring sectors</h3><p>The reports count by these areas; a point in two")
          .append(" belongs to the first listed.</p><ul>");
      for (Sector s : t.sectors()) {
        h.append("<li>")
            .append(Xml.esc(s.name()))
            .append(" (")
            .append(Xml.esc(s.id()))
            .append(")</li>");
      }
      h.append("</ul>");
    }
  }

  /**
   * A table of {@code rows}: a header row of {@code columns}, then the cells {@code cells} gives
   * each row, already XHTML.
   */
  private static <T> void table(
      StringBuilder h,
      String id,
      List<String> columns,
      List<T> rows,
      java.util.function.Function<T, List<String>> cells) {
    h.append("<table id=\"").append(id).append("\"><thead><tr>");
    for (String c : columns) {
      h.append("<th scope=\"col\">").append(Xml.esc(c)).append("</th>");
    }
    h.append("</tr></thead><tbody>");
    for (T row : rows) {
      h.append("<tr>");
      for (String cell : cells.apply(row)) {
        h.append("<td>").append(cell).append("</td>");
      }
      h.append("</tr>");
    }
    h.append("</tbody></table>");
  }

  /** Whose ground a party holds, in the words of the placement (the method, section 6). */
  private static String ground(String holds) {
    return switch (holds) {
      case "occupied" -> "holds the occupied area of the control map (<code>occupied</code>)";
      case "government_controlled" ->
          "holds Ukraine's ground outside the control map's occupied area"
              + " (<code>government_controlled</code>)";
      default -> "holds <code>" + Xml.esc(holds) + "</code>";
    };
  }

  private static String local(TruceTerms t, Instant i) {
    return TIME.format(i.atZone(t.timeZone()));
  }

  /** docs/methodology.md as XHTML, rendered once: it is the same for every page of this build. */
  private static final String METHODOLOGY_HTML = methodology();

  /** docs/methodology.md as XHTML, its headings one level down (under the page's title). */
  private static String methodology() {
    String markdown;
    try (InputStream in = MethodHtml.class.getResourceAsStream(METHODOLOGY)) {
      if (in == null) {
        throw new IllegalStateException(METHODOLOGY + " is not on the class path");
      }
      markdown = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Node document = Parser.builder().extensions(MARKDOWN).build().parse(markdown);
    document.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Heading heading) {
            heading.setLevel(Math.min(6, heading.getLevel() + 1));
            visitChildren(heading);
          }
        });
    return HtmlRenderer.builder().extensions(MARKDOWN).escapeHtml(true).build().render(document);
  }
}
