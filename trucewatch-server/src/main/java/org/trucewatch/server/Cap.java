package org.trucewatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.trucewatch.assessment.Verdict;
import org.trucewatch.geo.Distances;
import org.trucewatch.observation.Audience;
import org.trucewatch.store.Features;
import org.trucewatch.store.Layer;
import org.trucewatch.store.Rows;
import org.trucewatch.store.Store;

/**
 * Alerts in the OASIS Common Alerting Protocol, version 1.2 (CAP), for the systems that national
 * crisis centres and alert aggregators run: one message for each finding of violation or probable
 * violation of the current assessment ({@code /api/v1/findings/{id}?format=cap}), and an Atom feed
 * that lists them, newest first ({@link #FEED_PATH}), as CAP feeds are read. A message states the
 * finding as the API serves it to the reader (its reasoning, place and verdict; no evidence row),
 * and numbers nothing of its own.
 *
 * <p>A message keeps its identifier and {@code sent} while its finding stays as it was; a finding
 * that changes gets an {@code Update} that references the messages it replaces, and one on whose
 * evidence no violation or probable violation rests any more a {@code Cancel} of its message
 * ({@link org.trucewatch.run.AlertThreads}, kept in the store's log). The mission does not weigh
 * harm: severity is {@code Unknown}; urgency is {@code Past}, since the activity was seen before it
 * is reported; a violation (seen by two independent sources) is {@code Observed}, a probable
 * violation {@code Likely}.
 */
final class Cap {
  static final String NS = "urn:oasis:names:tc:emergency:cap:1.2";
  static final String MEDIA_TYPE = "application/cap+xml";

  /** The feed's path on the server. */
  static final String FEED_PATH = "/alerts/cap.atom";

  /** Where a server that signs its messages serves the certificate of their signatures. */
  static final String CERTIFICATE_PATH = "/alerts/cap-certificate.pem";

  /** The newest messages that the feed lists. */
  static final int MAX_ENTRIES = 500;

  /** Where each message of the log is served, by its identifier. */
  static final String MESSAGE_PATH = "/alerts/cap/";

  /** How long after it is sent the feed lists a Cancel. */
  static final java.time.Duration CANCELS_LISTED = java.time.Duration.ofDays(30);

  /** CAP's time: seconds, and the offset as digits; UTC is {@code -00:00} (CAP 1.2, 3.3.2). */
  private static final DateTimeFormatter CAP_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'-00:00'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ROOT);

  /** A circle around the finding's point is at least this wide (a VIIRS pixel and rounding). */
  static final double MIN_RADIUS_KM = 1.0;

  /** The margin beyond the farthest evidence row: half a kilometre, a VIIRS pixel's footprint. */
  static final double MARGIN_KM = 0.5;

  /**
   * Looked up once: the lookup reads the class path, which costs more than writing a message. The
   * JDK's factory makes writers from several threads, unconfigured after this.
   */
  private static final XMLOutputFactory XML = XMLOutputFactory.newFactory();

  private Cap() {}

  /**
   * What the messages of one assessment share.
   *
   * @param truce the truce's name
   * @param timeZone the truce's time zone, in which a headline gives the time
   * @param methodVersion the method version of the assessment
   * @param made when the current assessment was made
   * @param restricted whether the server serves only holders of a token (scope {@code Restricted});
   *     otherwise the findings are public (scope {@code Public})
   * @param base the scheme, host and port the reader reached the server at, for the message's
   *     {@code web} link; null to give none
   * @param grounds each side's key to its ground in the terms' words, such as {@code ground held by
   *     the Government of Ukraine} (report.json's {@code by_side} names)
   */
  record Header(
      String truce,
      ZoneId timeZone,
      String methodVersion,
      Instant made,
      boolean restricted,
      String base,
      Map<String, String> grounds) {
    Header {
      grounds = Map.copyOf(grounds);
    }
  }

  /**
   * The header of an assessment's messages, from its report.json ({@code report}: the truce's name
   * and time zone, the method version, and the terms' words for whose ground).
   */
  static Header header(JsonNode report, Instant made, boolean restricted, String base) {
    Map<String, String> grounds = new java.util.HashMap<>();
    report
        .at("/summary/all_days/by_side")
        .properties()
        .forEach(e -> grounds.put(e.getKey(), e.getValue().path("name").asText()));
    return new Header(
        report.at("/truce/name").asText(),
        ZoneId.of(report.at("/truce/time_zone").asText()),
        report.path("method_version").asText(),
        made,
        restricted,
        base,
        grounds);
  }

  /**
   * The findings of violation and probable violation of the current assessment, as {@code reader}
   * is served them (their JSON properties), by id; of one oblast and monitoring sector when they
   * are not null. One query per verdict, however many there are.
   */
  static Map<String, JsonNode> alerting(
      Store store, Audience reader, FeatureOutput out, String oblast, String sector) {
    Map<String, JsonNode> serious = new java.util.HashMap<>();
    for (Verdict v : List.of(Verdict.VIOLATION, Verdict.PROBABLE_VIOLATION)) {
      Features.Filter filter =
          new Features.Filter(
              null, null, null, null, oblast, sector, null, v.key(), null, null, null);
      for (Features.Feature f :
          store.query(Layer.FINDINGS, filter, reader, Params.MAX_LIMIT, 0).features()) {
        JsonNode n = out.properties(f);
        serious.put(n.path("id").asText(), n);
      }
    }
    return serious;
  }

  /** Whether a finding of {@code verdict} is an alert: violations and probable violations. */
  static boolean isAlert(String verdict) {
    return verdict.equals(Verdict.VIOLATION.key())
        || verdict.equals(Verdict.PROBABLE_VIOLATION.key());
  }

  /**
   * The sender: the monitor of this truce, as a URN (no spaces, commas, {@code <} or {@code &}).
   */
  static String sender(Header h) {
    return sender(h.truce());
  }

  /** The sender of the messages of the truce named {@code truce}. */
  static String sender(String truce) {
    return "urn:trucewatch:" + ReportFeed.urnPart(truce);
  }

  /**
   * A test message ({@code status} {@code Test}, {@code msgType} {@code Alert}, no {@code info}):
   * the sender of the truce named {@code truce}, {@code identifier}, sent at {@code sent}, with
   * {@code note} saying what it tests.
   */
  static String test(String truce, String identifier, Instant sent, String note) {
    return write(
        x -> {
          x.writeStartDocument("UTF-8", "1.0");
          x.writeStartElement("alert");
          x.writeDefaultNamespace(NS);
          ReportFeed.text(x, "identifier", identifier);
          ReportFeed.text(x, "sender", sender(truce));
          ReportFeed.text(x, "sent", time(sent));
          ReportFeed.text(x, "status", "Test");
          ReportFeed.text(x, "msgType", "Alert");
          ReportFeed.text(x, "scope", "Public");
          ReportFeed.text(x, "note", note);
          x.writeEndElement();
          x.writeEndDocument();
        });
  }

  /** A time as CAP writes it. */
  static String time(Instant t) {
    return CAP_TIME.format(t);
  }

  /**
   * The Alert or Update {@code m} that states a finding, as the API serves the finding to the
   * reader ({@code finding}: its JSON properties).
   */
  static String alert(JsonNode finding, Rows.AlertMessage m, Header h) {
    return write(
        x -> {
          x.writeStartDocument("UTF-8", "1.0");
          alert(x, finding, m, h);
          x.writeEndDocument();
        });
  }

  /** The Cancel {@code m}, which withdraws the message it references. */
  static String cancel(Rows.AlertMessage m, Header h) {
    return write(
        x -> {
          x.writeStartDocument("UTF-8", "1.0");
          x.writeStartElement("alert");
          x.writeDefaultNamespace(NS);
          head(x, m, h);
          ReportFeed.text(x, "note", withdrawn(m));
          references(x, m, h);
          x.writeEndElement();
          x.writeEndDocument();
        });
  }

  /** What a Cancel says: what it withdraws, when, by which method and why. */
  static String withdrawn(Rows.AlertMessage m) {
    return "Withdrawn by the assessment of "
        + time(m.sent())
        + " (method "
        + m.methodVersion()
        + "): no finding of violation or probable violation rests on the evidence of finding "
        + m.findingId()
        + " ("
        + m.verdict()
        + " of clause "
        + m.clauseId()
        + ") any more.";
  }

  /**
   * One entry of the feed: the message and, for an Alert or Update, its finding as the API serves
   * it to the reader (null for a Cancel).
   */
  record Entry(Rows.AlertMessage message, JsonNode finding) {}

  /** The feed of {@code entries} of any sector and oblast. */
  static String feed(List<Entry> entries, Header h) {
    return feed(entries, h, null, null);
  }

  /**
   * The feed of {@code entries} (the messages of the store's log that a feed lists, in the order
   * given: newest first), of the monitoring sector {@code sector} and the oblast {@code oblast}
   * when they are not null.
   */
  static String feed(List<Entry> entries, Header h, String sector, String oblast) {
    List<String> query = new ArrayList<>();
    if (sector != null) {
      query.add("sector=" + sector);
    }
    if (oblast != null) {
      query.add("oblast=" + oblast);
    }
    String where = String.join("&", query);
    return write(
        x -> {
          x.writeStartDocument("UTF-8", "1.0");
          x.writeStartElement("feed");
          x.writeDefaultNamespace(ReportFeed.ATOM);
          ReportFeed.text(x, "id", sender(h) + ":alerts" + (where.isEmpty() ? "" : ":" + where));
          ReportFeed.text(
              x,
              "title",
              "Truce Watch alerts (CAP 1.2): "
                  + h.truce()
                  + (where.isEmpty() ? "" : " (" + where.replace('&', ',') + ")"));
          ReportFeed.text(
              x,
              "subtitle",
              "The message that states each finding of violation and probable violation of"
                  + " the current assessment ("
                  + time(h.made())
                  + ", method "
                  + h.methodVersion()
                  + "), and the Cancels of the last "
                  + CANCELS_LISTED.toDays()
                  + " days, newest first.");
          ReportFeed.text(x, "updated", h.made().toString());
          x.writeStartElement("author");
          ReportFeed.text(x, "name", "Truce Watch monitor");
          x.writeEndElement();
          ReportFeed.link(
              x, "self", FEED_PATH + (where.isEmpty() ? "" : "?" + where), "application/atom+xml");
          for (Entry e : entries.subList(0, Math.min(MAX_ENTRIES, entries.size()))) {
            Rows.AlertMessage m = e.message();
            boolean cancel = e.finding() == null;
            String headline = headline(cancel ? stated(m) : e.finding(), h);
            x.writeStartElement("entry");
            ReportFeed.text(x, "id", sender(h) + ":" + m.identifier());
            ReportFeed.text(
                x,
                "title",
                switch (m.type()) {
                  case "Update" -> "Updated: " + headline;
                  case "Cancel" -> "Withdrawn: " + headline;
                  default -> headline;
                });
            ReportFeed.text(x, "updated", m.sent().toString());
            ReportFeed.link(x, "alternate", MESSAGE_PATH + m.identifier(), MEDIA_TYPE);
            ReportFeed.link(
                x, "related", Server.dayPageHref(m.reportDay().toString(), "html"), "text/html");
            ReportFeed.text(
                x, "summary", cancel ? withdrawn(m) : e.finding().path("reasoning").asText());
            x.writeEndElement();
          }
          x.writeEndElement();
          x.writeEndDocument();
        });
  }

  /** The finding's path in the API ({@code incident:clause}, which needs no escaping). */
  static String href(String findingId) {
    return "/api/v1/findings/" + Ogc.fid(findingId);
  }

  /** The fields of a Cancel's finding that its headline names, as the API names them. */
  private static JsonNode stated(Rows.AlertMessage m) {
    return JsonNodeFactory.instance
        .objectNode()
        .put("verdict", m.verdict())
        .put("clause_id", m.clauseId())
        .put("first_time", m.first().toString())
        .put("oblast", m.oblast());
  }

  /** The elements every message opens with, from its identifier to its scope. */
  private static void head(XMLStreamWriter x, Rows.AlertMessage m, Header h)
      throws XMLStreamException {
    ReportFeed.text(x, "identifier", m.identifier());
    ReportFeed.text(x, "sender", sender(h));
    ReportFeed.text(x, "sent", time(m.sent()));
    ReportFeed.text(x, "status", "Actual");
    ReportFeed.text(x, "msgType", m.type());
    ReportFeed.text(x, "scope", h.restricted() ? "Restricted" : "Public");
    if (h.restricted()) {
      ReportFeed.text(x, "restriction", "the readers of this Truce Watch server, who hold a token");
    }
  }

  /** The messages {@code m} replaces or withdraws, as CAP names them: sender,identifier,sent. */
  private static void references(XMLStreamWriter x, Rows.AlertMessage m, Header h)
      throws XMLStreamException {
    if (!m.references().isEmpty()) {
      ReportFeed.text(
          x,
          "references",
          String.join(
              " ",
              m.references().stream()
                  .map(r -> sender(h) + "," + r.identifier() + "," + time(r.sent()))
                  .toList()));
    }
  }

  private static void alert(XMLStreamWriter x, JsonNode f, Rows.AlertMessage m, Header h)
      throws XMLStreamException {
    String id = f.path("id").asText();
    String verdict = f.path("verdict").asText();
    boolean violation = verdict.equals(Verdict.VIOLATION.key());
    x.writeStartElement("alert");
    x.writeDefaultNamespace(NS);
    head(x, m, h);
    ReportFeed.text(
        x,
        "note",
        "Stated by the assessment of "
            + time(m.sent())
            + " (method "
            + m.methodVersion()
            + "). A later message that references this one replaces it: an Update when the"
            + " finding changes, a Cancel when it is withdrawn.");
    references(x, m, h);
    x.writeStartElement("info");
    ReportFeed.text(x, "language", "en");
    ReportFeed.text(x, "category", "Security");
    ReportFeed.text(
        x,
        "event",
        violation ? "Violation of the truce terms" : "Probable violation of the truce terms");
    ReportFeed.text(x, "responseType", "Monitor");
    ReportFeed.text(x, "urgency", "Past");
    ReportFeed.text(x, "severity", "Unknown");
    ReportFeed.text(x, "certainty", violation ? "Observed" : "Likely");
    pair(x, "eventCode", "finding_id", id);
    ReportFeed.text(x, "onset", time(Instant.parse(f.path("first_time").asText())));
    ReportFeed.text(x, "senderName", "Truce Watch monitor: " + h.truce());
    ReportFeed.text(x, "headline", headline(f, h));
    ReportFeed.text(x, "description", f.path("reasoning").asText());
    if (h.base() != null) {
      ReportFeed.text(x, "web", h.base() + href(id));
    }
    pair(x, "parameter", "method_version", m.methodVersion());
    pair(x, "parameter", "verdict", verdict);
    pair(x, "parameter", "clause_id", f.path("clause_id").asText());
    pair(x, "parameter", "report_day", f.path("report_day").asText());
    pair(x, "parameter", "side", f.path("side").asText());
    for (String key : List.of("zones", "sector_id")) {
      if (!f.path(key).asText().isEmpty()) {
        pair(x, "parameter", key, f.path(key).asText());
      }
    }
    x.writeStartElement("area");
    ReportFeed.text(x, "areaDesc", place(f, h));
    ReportFeed.text(
        x,
        "circle",
        String.format(
            Locale.ROOT,
            "%.5f,%.5f %.1f",
            f.path("latitude").asDouble(),
            f.path("longitude").asDouble(),
            radiusKm(f)));
    if (!f.path("oblast_code").asText().isEmpty()) {
      pair(x, "geocode", "ISO 3166-2", f.path("oblast_code").asText());
    }
    x.writeEndElement(); // area
    x.writeEndElement(); // info
    x.writeEndElement(); // alert
  }

  /**
   * The headline: verdict, clause, local time and place, in under 160 characters as CAP asks (an
   * oblast's name is at most some 30 characters).
   */
  static String headline(JsonNode f, Header h) {
    String verdict = f.path("verdict").asText();
    String oblast = f.path("oblast").asText();
    return (verdict.equals(Verdict.VIOLATION.key()) ? "Violation" : "Probable violation")
        + " of clause "
        + f.path("clause_id").asText()
        + ", "
        + LOCAL.format(Instant.parse(f.path("first_time").asText()).atZone(h.timeZone()))
        + " local time"
        + (oblast.isEmpty() ? "" : ", " + oblast);
  }

  /** Where: the point, oblast, sector and whose ground, in the terms' neutral words. */
  private static String place(JsonNode f, Header h) {
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%.4f° N %.4f° E",
                f.path("latitude").asDouble(),
                f.path("longitude").asDouble()));
    if (!f.path("oblast").asText().isEmpty()) {
      s.append(", ").append(f.path("oblast").asText());
    }
    if (!f.path("sector").asText().isEmpty()) {
      s.append(" (sector: ").append(f.path("sector").asText()).append(')');
    }
    String side = f.path("side").asText();
    return s.append(", ")
        .append(h.grounds().getOrDefault(side, side.replace('_', ' ') + " ground"))
        .toString();
  }

  /**
   * The circle's radius in kilometres: the farthest evidence row whose point the reader is given,
   * and {@link #MARGIN_KM} beyond it; at least {@link #MIN_RADIUS_KM}.
   */
  static double radiusKm(JsonNode f) {
    double lat = f.path("latitude").asDouble();
    double lon = f.path("longitude").asDouble();
    double farthest = 0;
    for (JsonNode e : f.path("evidence")) {
      if (e.path("latitude").isNumber() && e.path("longitude").isNumber()) {
        farthest =
            Math.max(
                farthest,
                Distances.haversineMetres(
                        lon, lat, e.path("longitude").asDouble(), e.path("latitude").asDouble())
                    / 1000);
      }
    }
    return Math.max(MIN_RADIUS_KM, farthest + MARGIN_KM);
  }

  private static void pair(XMLStreamWriter x, String element, String name, String value)
      throws XMLStreamException {
    x.writeStartElement(element);
    ReportFeed.text(x, "valueName", name);
    ReportFeed.text(x, "value", value);
    x.writeEndElement();
  }

  private interface Body {
    void write(XMLStreamWriter x) throws XMLStreamException;
  }

  private static String write(Body body) {
    StringWriter out = new StringWriter();
    try {
      XMLStreamWriter x = XML.createXMLStreamWriter(out);
      body.write(x);
      x.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("a CAP document could not be written", e);
    }
    return out.toString();
  }
}
