package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.trucewatch.store.Rows;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * CAP 1.2 messages of findings, checked against the message structure of the standard
 * (src/test/resources/cap/cap-1.2-messages.xsd, written from its section 3) and read back.
 */
class CapTest {
  static final ObjectMapper JSON = new ObjectMapper();

  private static final Schema SCHEMA = schema();

  private static Schema schema() {
    try {
      return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
          .newSchema(CapTest.class.getResource("/cap/cap-1.2-messages.xsd"));
    } catch (SAXException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Validates a CAP message against the standard's message structure; throws if it breaks it. */
  static void validate(String xml) throws Exception {
    SCHEMA.newValidator().validate(new StreamSource(new StringReader(xml)));
  }

  static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  /** The text of each element {@code name} in {@code xml}'s CAP namespace, in order. */
  static List<String> texts(Document doc, String name) {
    NodeList n = doc.getElementsByTagNameNS(Cap.NS, name);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n.getLength(); i++) {
      out.add(n.item(i).getTextContent());
    }
    return out;
  }

  /** The value of the parameter (or eventCode, geocode) named {@code name}. */
  static String pair(Document doc, String element, String name) {
    NodeList n = doc.getElementsByTagNameNS(Cap.NS, element);
    for (int i = 0; i < n.getLength(); i++) {
      Element e = (Element) n.item(i);
      if (e.getElementsByTagNameNS(Cap.NS, "valueName").item(0).getTextContent().equals(name)) {
        return e.getElementsByTagNameNS(Cap.NS, "value").item(0).getTextContent();
      }
    }
    return null;
  }

  static final Cap.Header OPEN =
      new Cap.Header(
          "Demonstration truce (hypothetical)",
          ZoneId.of("Europe/Kyiv"),
          "tw-fire-7",
          Instant.parse("2025-08-17T06:00:00Z"),
          false,
          "https://truce.example",
          java.util.Map.of("occupied", "ground held by the Russian Federation's armed forces"));

  /** A message of the log about the finding of {@link #finding}. */
  static Rows.AlertMessage message(
      String type, String identifier, String sent, Rows.AlertMessage.Reference... references) {
    return new Rows.AlertMessage(
        identifier,
        Instant.parse(sent),
        type,
        "I-0123456789ab/C2",
        "tw-fire-7",
        "violation",
        "C2",
        java.time.LocalDate.parse("2025-08-17"),
        Instant.parse("2025-08-16T17:05:00Z"),
        47.905,
        37.51,
        "occupied",
        "UA-14",
        "Donetsk Oblast",
        "east",
        "Sector East",
        "0".repeat(64),
        java.util.Set.of("h1", "h2"),
        List.of(references));
  }

  /** The Alert that first stated the finding of {@link #finding}, at {@link #OPEN}'s time. */
  static final Rows.AlertMessage ALERT =
      message("Alert", "trucewatch-I-0123456789ab-C2-20250817T060000Z", "2025-08-17T06:00:00Z");

  /** The Cancel of {@link #ALERT}, two days later. */
  static final Rows.AlertMessage CANCEL =
      message(
          "Cancel",
          "trucewatch-I-0123456789ab-C2-20250819T080000Z-cancel",
          "2025-08-19T08:00:00Z",
          new Rows.AlertMessage.Reference(ALERT.identifier(), ALERT.sent()));

  /** A finding as the API serves it: its JSON properties, with two evidence rows. */
  static ObjectNode finding(String verdict) throws Exception {
    return (ObjectNode)
        JSON.readTree(
            """
            {"id": "I-0123456789ab/C2", "incident_id": "I-0123456789ab", "clause_id": "C2",
             "verdict": "VERDICT", "report_day": "2025-08-17", "first_time": "2025-08-16T17:05:00Z",
             "latitude": 47.905, "longitude": 37.51, "side": "occupied", "oblast_code": "UA-14",
             "oblast": "Donetsk Oblast", "sector_id": "east", "sector": "Sector East",
             "zones": "buffer-15km", "reasoning": "Independent sources reported gunfire.",
             "evidence": [
               {"kind": "report", "latitude": 47.9, "longitude": 37.5, "withheld": false},
               {"kind": "report", "latitude": 47.91, "longitude": 37.52, "withheld": false}]}
            """
                .replace("VERDICT", verdict));
  }

  @Test
  void aViolationIsAPublicAlertOfWhatWasObservedWithItsPlaceAndTime() throws Exception {
    String xml = Cap.alert(finding("violation"), ALERT, OPEN);
    validate(xml);
    Document doc = parse(xml);
    assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo(Cap.NS);
    assertThat(texts(doc, "identifier"))
        .containsExactly("trucewatch-I-0123456789ab-C2-20250817T060000Z");
    assertThat(texts(doc, "sender"))
        .containsExactly("urn:trucewatch:Demonstration-truce-hypothetical-");
    assertThat(texts(doc, "sent")).containsExactly("2025-08-17T06:00:00-00:00");
    assertThat(texts(doc, "scope")).containsExactly("Public");
    assertThat(texts(doc, "restriction")).isEmpty();
    assertThat(texts(doc, "event")).containsExactly("Violation of the truce terms");
    assertThat(texts(doc, "certainty")).containsExactly("Observed");
    assertThat(texts(doc, "urgency")).containsExactly("Past");
    assertThat(texts(doc, "severity")).containsExactly("Unknown");
    assertThat(texts(doc, "onset")).containsExactly("2025-08-16T17:05:00-00:00");
    // 17:05 UTC is 20:05 in Kyiv in summer
    assertThat(texts(doc, "headline"))
        .containsExactly("Violation of clause C2, 16 Aug 2025 20:05 local time, Donetsk Oblast");
    assertThat(texts(doc, "description")).containsExactly("Independent sources reported gunfire.");
    assertThat(texts(doc, "web"))
        .containsExactly("https://truce.example/api/v1/findings/I-0123456789ab:C2");
    assertThat(pair(doc, "eventCode", "finding_id")).isEqualTo("I-0123456789ab/C2");
    assertThat(pair(doc, "parameter", "method_version")).isEqualTo("tw-fire-7");
    assertThat(pair(doc, "parameter", "sector_id")).isEqualTo("east");
    assertThat(pair(doc, "parameter", "zones")).isEqualTo("buffer-15km");
    assertThat(pair(doc, "geocode", "ISO 3166-2")).isEqualTo("UA-14");
    assertThat(texts(doc, "areaDesc"))
        .containsExactly(
            "47.9050° N 37.5100° E, Donetsk Oblast (sector: Sector East), ground held by the"
                + " Russian Federation's armed forces");
    // each report lies 0.93 km from the finding's point: the circle reaches 0.5 km beyond
    assertThat(Cap.radiusKm(finding("violation"))).isBetween(1.0, 1.5);
    assertThat(texts(doc, "circle")).containsExactly("47.90500,37.51000 1.4");
  }

  @Test
  void aProbableViolationOnAPrivateServerIsLikelyAndRestricted() throws Exception {
    ObjectNode f = finding("probable-violation");
    // a report withheld from this reader gives no point: the circle does not reach for it, and
    // the other lies at the finding's point, so the circle is the smallest
    ((ObjectNode) f.path("evidence").get(0)).put("latitude", 47.905).put("longitude", 37.51);
    ((ObjectNode) f.path("evidence").get(1)).putNull("latitude").putNull("longitude");
    f.put("sector_id", "").put("sector", "").put("oblast_code", "").put("oblast", "");
    Cap.Header restricted =
        new Cap.Header(
            OPEN.truce(),
            OPEN.timeZone(),
            OPEN.methodVersion(),
            OPEN.made(),
            true,
            null,
            java.util.Map.of());
    String xml = Cap.alert(f, ALERT, restricted);
    validate(xml);
    Document doc = parse(xml);
    assertThat(texts(doc, "scope")).containsExactly("Restricted");
    assertThat(texts(doc, "restriction")).singleElement().asString().contains("token");
    assertThat(texts(doc, "certainty")).containsExactly("Likely");
    assertThat(texts(doc, "event")).containsExactly("Probable violation of the truce terms");
    assertThat(texts(doc, "web")).isEmpty();
    assertThat(texts(doc, "geocode")).isEmpty();
    assertThat(pair(doc, "parameter", "sector_id")).isNull();
    assertThat(texts(doc, "areaDesc")).containsExactly("47.9050° N 37.5100° E, occupied ground");
    assertThat(texts(doc, "circle")).containsExactly("47.90500,37.51000 1.0");
  }

  @Test
  void theSchemaRefusesWhatCapDoesNotAllow() throws Exception {
    String good = Cap.alert(finding("violation"), ALERT, OPEN);
    validate(good);
    // UTC written Z, a missing event, a circle without its radius, a space in the identifier
    for (String bad :
        List.of(
            good.replace("2025-08-17T06:00:00-00:00", "2025-08-17T06:00:00Z"),
            good.replace("<event>Violation of the truce terms</event>", ""),
            good.replace("47.90500,37.51000 1.4", "47.90500,37.51000"),
            good.replace("trucewatch-I-0123456789ab", "trucewatch I-0123456789ab"))) {
      assertThat(bad).isNotEqualTo(good);
      assertThatThrownBy(() -> validate(bad)).isInstanceOf(SAXException.class);
    }
  }

  private static final String SENDER = "urn:trucewatch:Demonstration-truce-hypothetical-";

  @Test
  void anUpdateReferencesTheMessagesItReplacesAsSenderIdentifierAndSent() throws Exception {
    Rows.AlertMessage update =
        message(
            "Update",
            "trucewatch-I-0123456789ab-C2-20250818T071500Z",
            "2025-08-18T07:15:00Z",
            new Rows.AlertMessage.Reference(ALERT.identifier(), ALERT.sent()),
            new Rows.AlertMessage.Reference(
                "trucewatch-I-bbbbbbbbbbbb-C2-20250817T060000Z",
                Instant.parse("2025-08-17T06:00:00Z")));
    String xml = Cap.alert(finding("violation"), update, OPEN);
    validate(xml);
    Document doc = parse(xml);
    assertThat(texts(doc, "msgType")).containsExactly("Update");
    assertThat(texts(doc, "identifier"))
        .containsExactly("trucewatch-I-0123456789ab-C2-20250818T071500Z");
    // its own time, not the current assessment's
    assertThat(texts(doc, "sent")).containsExactly("2025-08-18T07:15:00-00:00");
    assertThat(texts(doc, "references"))
        .containsExactly(
            SENDER
                + ",trucewatch-I-0123456789ab-C2-20250817T060000Z,2025-08-17T06:00:00-00:00 "
                + SENDER
                + ",trucewatch-I-bbbbbbbbbbbb-C2-20250817T060000Z,2025-08-17T06:00:00-00:00");
    assertThat(texts(doc, "note").get(0)).startsWith("Stated by the assessment of 2025-08-18");
    // an Alert references nothing
    assertThat(texts(parse(Cap.alert(finding("violation"), ALERT, OPEN)), "references")).isEmpty();
  }

  @Test
  void aCancelWithdrawsTheMessageItReferencesAndSaysWhy() throws Exception {
    String xml = Cap.cancel(CANCEL, OPEN);
    validate(xml);
    Document doc = parse(xml);
    assertThat(texts(doc, "msgType")).containsExactly("Cancel");
    assertThat(texts(doc, "sent")).containsExactly("2025-08-19T08:00:00-00:00");
    assertThat(texts(doc, "references"))
        .containsExactly(SENDER + "," + ALERT.identifier() + ",2025-08-17T06:00:00-00:00");
    assertThat(texts(doc, "note"))
        .containsExactly(
            "Withdrawn by the assessment of 2025-08-19T08:00:00-00:00 (method tw-fire-7): no"
                + " finding of violation or probable violation rests on the evidence of finding"
                + " I-0123456789ab/C2 (violation of clause C2) any more.");
    assertThat(doc.getElementsByTagNameNS(Cap.NS, "info").getLength()).isZero();
    // a reference without its time, or with UTC written Z, is not CAP's
    for (String bad :
        List.of(
            xml.replace(",2025-08-17T06:00:00-00:00</references>", "</references>"),
            xml.replace(
                "2025-08-17T06:00:00-00:00</references>", "2025-08-17T06:00:00Z</references>"))) {
      assertThat(bad).isNotEqualTo(xml);
      assertThatThrownBy(() -> validate(bad)).isInstanceOf(SAXException.class);
    }
  }

  @Test
  void theFeedListsEachMessageAsGivenWithWhatItDoesToItsFinding() throws Exception {
    Rows.AlertMessage update =
        message(
            "Update",
            "trucewatch-I-dddddddddddd-C2-20250818T071500Z",
            "2025-08-18T07:15:00Z",
            new Rows.AlertMessage.Reference("trucewatch-x", ALERT.sent()));
    ObjectNode late = finding("violation").put("id", "I-dddddddddddd/C2");
    late.put("first_time", "2025-08-16T19:00:00Z");
    ObjectNode probable = finding("probable-violation").put("id", "I-eeeeeeeeeeee/C2");
    Rows.AlertMessage alert =
        message("Alert", "trucewatch-I-eeeeeeeeeeee-C2-20250817T060000Z", "2025-08-17T06:00:00Z");
    Document doc =
        parse(
            Cap.feed(
                List.of(
                    new Cap.Entry(CANCEL, null),
                    new Cap.Entry(update, late),
                    new Cap.Entry(alert, probable)),
                OPEN));
    NodeList entries = doc.getElementsByTagNameNS(ReportFeed.ATOM, "entry");
    List<String> titles = new ArrayList<>();
    List<String> links = new ArrayList<>();
    List<String> updated = new ArrayList<>();
    for (int i = 0; i < entries.getLength(); i++) {
      Element e = (Element) entries.item(i);
      titles.add(e.getElementsByTagNameNS(ReportFeed.ATOM, "title").item(0).getTextContent());
      Element link = (Element) e.getElementsByTagNameNS(ReportFeed.ATOM, "link").item(0);
      assertThat(link.getAttribute("type")).isEqualTo("application/cap+xml");
      links.add(link.getAttribute("href"));
      updated.add(e.getElementsByTagNameNS(ReportFeed.ATOM, "updated").item(0).getTextContent());
    }
    // the Cancel names what it withdraws as the withdrawn message stated it
    assertThat(titles)
        .containsExactly(
            "Withdrawn: Violation of clause C2, 16 Aug 2025 20:05 local time, Donetsk Oblast",
            "Updated: Violation of clause C2, 16 Aug 2025 22:00 local time, Donetsk Oblast",
            "Probable violation of clause C2, 16 Aug 2025 20:05 local time, Donetsk Oblast");
    assertThat(links)
        .containsExactly(
            "/alerts/cap/" + CANCEL.identifier(),
            "/alerts/cap/" + update.identifier(),
            "/alerts/cap/" + alert.identifier());
    assertThat(updated)
        .containsExactly("2025-08-19T08:00:00Z", "2025-08-18T07:15:00Z", "2025-08-17T06:00:00Z");
    assertThat(
            ((Element) entries.item(0))
                .getElementsByTagNameNS(ReportFeed.ATOM, "summary")
                .item(0)
                .getTextContent())
        .startsWith("Withdrawn by the assessment of 2025-08-19T08:00:00-00:00");
  }
}
