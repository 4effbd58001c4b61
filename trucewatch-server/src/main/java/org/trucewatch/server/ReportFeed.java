package org.trucewatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The daily reports as an Atom feed (RFC 4287), {@code /reports/feed.atom}: one entry for each
 * version of a report day's figures, newest first, so that a feed reader shows a day when its
 * figures are first stated and again each time they are revised. Built from the stored report.json
 * (its days' {@code revisions}); the server computes no number of its own.
 */
final class ReportFeed {
  /** The feed's path on the server. */
  static final String PATH = "/reports/feed.atom";

  /** The newest entries that the feed holds. */
  static final int MAX_ENTRIES = 500;

  static final String ATOM = "http://www.w3.org/2005/Atom";

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ROOT);
  private static final DateTimeFormatter MINUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ReportFeed() {}

  /** One version of one day, with the version before it (or null). */
  private record Version(JsonNode day, int number, JsonNode figures, JsonNode previous) {
    Instant stated() {
      return Instant.parse(figures.path("stated").asText());
    }

    String date() {
      return day.path("date").asText();
    }
  }

  /**
   * The feed of the versions in {@code report} (report.json as the server stores it), by the
   * assessment made at {@code made}: the feed's time when no day has a version yet.
   */
  static String atom(JsonNode report, Instant made) {
    List<Version> versions = new ArrayList<>();
    for (JsonNode d : report.path("days")) {
      JsonNode rs = d.path("revisions");
      for (int k = 0; k < rs.size(); k++) {
        versions.add(new Version(d, k + 1, rs.get(k), k == 0 ? null : rs.get(k - 1)));
      }
    }
    versions.sort(
        Comparator.comparing(Version::stated)
            .thenComparing(Version::date)
            .reversed()
            .thenComparing(Version::number, Comparator.reverseOrder()));
    JsonNode truce = report.path("truce");
    String name = truce.path("name").asText();
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      x.writeStartDocument("UTF-8", "1.0");
      x.writeStartElement("feed");
      x.writeDefaultNamespace(ATOM);
      text(x, "id", "urn:trucewatch:reports:" + urnPart(name));
      text(x, "title", "Truce Watch daily reports: " + name);
      text(
          x,
          "subtitle",
          "Each version of a report day's figures, as the monitor stated it (method "
              + report.path("method_version").asText()
              + ").");
      text(x, "updated", (versions.isEmpty() ? made : versions.get(0).stated()).toString());
      x.writeStartElement("author");
      text(x, "name", "Truce Watch monitor");
      x.writeEndElement();
      link(x, "self", PATH, "application/atom+xml");
      link(x, "alternate", "/reports/report.html", "text/html");
      for (Version v : versions.subList(0, Math.min(MAX_ENTRIES, versions.size()))) {
        entry(x, v, name);
      }
      x.writeEndElement();
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("the report feed could not be written", e);
    }
    return out.toString();
  }

  private static void entry(XMLStreamWriter x, Version v, String truce) throws XMLStreamException {
    LocalDate day = LocalDate.parse(v.date());
    x.writeStartElement("entry");
    text(
        x,
        "id",
        "urn:trucewatch:report-day:"
            + urnPart(truce)
            + ":"
            + v.date()
            + ":"
            + v.figures().path("stated").asText());
    text(
        x,
        "title",
        "Daily report, "
            + DAY.format(day)
            + (v.previous() == null
                ? ": figures stated"
                : ": figures revised (version " + v.number() + ")"));
    text(x, "updated", v.stated().toString());
    link(x, "alternate", Server.dayPageHref(v.date(), "html"), "text/html");
    link(x, "related", Server.dayPageHref(v.date(), "pdf"), "application/pdf");
    text(x, "summary", summary(v));
    x.writeEndElement();
  }

  /** What the version states, in the words of the daily report. */
  static String summary(Version v) {
    JsonNode f = v.figures();
    StringBuilder s = new StringBuilder();
    s.append("Report day ")
        .append(v.date())
        .append(" (")
        .append(phase(v.day().path("phase").asText()))
        .append("; ")
        .append(
            switch (f.path("coverage").asText()) {
              case "partial" -> "observed in part";
              case "not-observed" -> "not observed from space";
              default -> "observed whole";
            })
        .append("), version ")
        .append(v.number())
        .append(", stated ")
        .append(MINUTE.format(v.stated()))
        .append(" UTC by method ")
        .append(f.path("method_version").asText())
        .append(": ")
        .append(counts(f))
        .append(". Findings: ");
    List<String> verdicts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : f.path("findings").properties()) {
      verdicts.add(e.getKey() + " " + e.getValue().asInt());
    }
    s.append(verdicts.isEmpty() ? "none" : String.join(", ", verdicts)).append('.');
    if (v.previous() != null) {
      s.append(" Version ")
          .append(v.number() - 1)
          .append(" (")
          .append(MINUTE.format(Instant.parse(v.previous().path("stated").asText())))
          .append(" UTC): ")
          .append(counts(v.previous()))
          .append('.');
      List<String> changed = new ArrayList<>();
      f.path("areas_changed").forEach(n -> changed.add(n.asText()));
      if (!changed.isEmpty()) {
        s.append(" Counts changed in: ").append(String.join(", ", changed)).append('.');
      }
    }
    return s.toString();
  }

  private static String phase(String key) {
    return switch (key) {
      case "before" -> "before the truce";
      case "truce" -> "during the truce";
      case "after" -> "after the truce";
      default -> key;
    };
  }

  private static String counts(JsonNode f) {
    return String.format(
        Locale.ROOT,
        "%,d thermal anomalies, %,d war-related, %,d in the buffer zone, %,d incidents",
        f.path("detections").asInt(),
        f.path("war_related").asInt(),
        f.path("in_buffer").asInt(),
        f.path("incidents").asInt());
  }

  /**
   * A name as the part of a URN: letters, digits and {@code .} kept, each run of others {@code -}.
   */
  static String urnPart(String s) {
    return s.replaceAll("[^A-Za-z0-9.]+", "-");
  }

  static void text(XMLStreamWriter x, String element, String value) throws XMLStreamException {
    x.writeStartElement(element);
    x.writeCharacters(value);
    x.writeEndElement();
  }

  static void link(XMLStreamWriter x, String rel, String href, String type)
      throws XMLStreamException {
    x.writeEmptyElement("link");
    x.writeAttribute("rel", rel);
    x.writeAttribute("href", href);
    x.writeAttribute("type", type);
  }
}
