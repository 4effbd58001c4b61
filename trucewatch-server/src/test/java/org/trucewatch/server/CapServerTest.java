package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * CAP through a running server: {@code /alerts/cap.atom} lists the findings of violation and
 * probable violation that the API serves, and each entry leads to a CAP 1.2 message of its finding
 * that the standard's message structure accepts.
 */
class CapServerTest {
  @Test
  void theFeedLeadsToACapMessageOfEachViolationAndProbableViolation(@TempDir Path tmp)
      throws Exception {
    Path terms = SurveillanceReportsServerTest.termsWithReportClause(tmp);
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      // gunfire that two sources report in the buffer (a violation of C2), and an explosion that
      // one camera reports there (a probable violation)
      Monitor m = assessed(store, tmp, terms, Fixture.GUNFIRE + Fixture.EXPLOSION);
      try (Server s = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        String base = "http://127.0.0.1:" + s.port();
        Set<String> serious = new TreeSet<>();
        String other = null;
        for (JsonNode f :
            ApiContract.json(Fixture.get(base + "/api/v1/findings?limit=10000")).path("items")) {
          if (Cap.isAlert(f.path("verdict").asText())) {
            serious.add(f.path("id").asText() + "=" + f.path("verdict").asText());
          } else {
            other = f.path("id").asText();
          }
        }
        assertThat(serious)
            .anySatisfy(x -> assertThat(x).endsWith("/C2=violation"))
            .anySatisfy(x -> assertThat(x).endsWith("/C2=probable-violation"));

        HttpResponse<String> feed = Fixture.get(base + Cap.FEED_PATH);
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type").orElseThrow())
            .startsWith("application/atom+xml");
        NodeList entries =
            CapTest.parse(feed.body()).getElementsByTagNameNS(ReportFeed.ATOM, "entry");
        assertThat(entries.getLength()).isEqualTo(serious.size());
        Set<String> alerted = new TreeSet<>();
        List<String> onsets = new ArrayList<>();
        for (int i = 0; i < entries.getLength(); i++) {
          Element link =
              (Element)
                  ((Element) entries.item(i))
                      .getElementsByTagNameNS(ReportFeed.ATOM, "link")
                      .item(0);
          assertThat(link.getAttribute("type")).isEqualTo(Cap.MEDIA_TYPE);
          HttpResponse<String> cap = Fixture.get(base + link.getAttribute("href"));
          assertThat(cap.statusCode()).as(cap.body()).isEqualTo(200);
          assertThat(cap.headers().firstValue("Content-Type").orElseThrow())
              .startsWith("application/cap+xml");
          CapTest.validate(cap.body());
          Document doc = CapTest.parse(cap.body());
          String verdict = CapTest.pair(doc, "parameter", "verdict");
          alerted.add(CapTest.pair(doc, "eventCode", "finding_id") + "=" + verdict);
          assertThat(CapTest.texts(doc, "certainty"))
              .containsExactly(verdict.equals("violation") ? "Observed" : "Likely");
          assertThat(CapTest.texts(doc, "scope")).containsExactly("Public");
          assertThat(CapTest.texts(doc, "areaDesc").get(0)).contains(", ground held by the ");
          assertThat(CapTest.texts(doc, "web").get(0)).startsWith(base + "/api/v1/findings/");
          onsets.add(CapTest.texts(doc, "onset").get(0));
        }
        assertThat(alerted).isEqualTo(serious);
        assertThat(onsets).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        // a client that asks for CAP by its media type is given it; a finding that is not an
        // alert is refused, naming its verdict
        String first = serious.iterator().next();
        String id = first.substring(0, first.indexOf('='));
        HttpResponse<String> negotiated =
            Fixture.HTTP.send(
                HttpRequest.newBuilder(URI.create(base + Cap.href(id)))
                    .header("Accept", Cap.MEDIA_TYPE)
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(negotiated.statusCode()).isEqualTo(200);
        CapTest.validate(negotiated.body());
        assertThat(other).isNotNull();
        HttpResponse<String> refused = Fixture.get(base + Cap.href(other) + "?format=cap");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(ApiContract.json(refused).path("message").asText())
            .startsWith("CAP is served for findings of violation and probable violation; " + other)
            .doesNotContain("violation and probable violation; " + other + " is violation");
        assertThat(ApiContract.json(Fixture.get(base + "/api/v1")).findValuesAsText("href"))
            .contains(Cap.FEED_PATH);
        // this server does not sign, so it has no certificate to give
        assertThat(Fixture.get(base + Cap.CERTIFICATE_PATH).statusCode()).isEqualTo(404);
        assertThat(ApiContract.json(Fixture.get(base + "/api/v1/map")).path("signing").isNull())
            .isTrue();
        assertThat(CapTest.parse(negotiated.body()).getElementsByTagName("Signature").getLength())
            .isZero();
        // the map's page lets a browser and its reader find the feed
        assertThat(Fixture.get(base + "/").body())
            .contains("<link rel=\"alternate\" href=\"/alerts/cap.atom\"")
            .contains("<a id=\"cap-feed\" href=\"/alerts/cap.atom\"");
      }
      // a server given a keystore signs each message, and serves the certificate to pin
      CapSigner signer =
          CapSignerTest.signer(
              Files.createDirectory(tmp.resolve("keys")), "-keyalg", "RSA", "-keysize", "2048");
      try (Server s =
          Server.start(m, new Server.Options("127.0.0.1", 0, "", "").withCapSigner(signer))) {
        String base = "http://127.0.0.1:" + s.port();
        HttpResponse<String> pem = Fixture.get(base + Cap.CERTIFICATE_PATH);
        assertThat(pem.statusCode()).isEqualTo(200);
        assertThat(pem.body()).isEqualTo(signer.certificatePem());
        // the map tells its readers who signs, and the fingerprint to check against
        JsonNode signing = ApiContract.json(Fixture.get(base + "/api/v1/map")).path("signing");
        assertThat(signing.path("signer").asText()).isEqualTo("Truce Watch test mission");
        assertThat(signing.path("sha256").asText()).isEqualTo(signer.fingerprint());
        assertThat(signing.path("certificate").asText()).isEqualTo(Cap.CERTIFICATE_PATH);
        NodeList entries =
            CapTest.parse(Fixture.get(base + Cap.FEED_PATH).body())
                .getElementsByTagNameNS(ReportFeed.ATOM, "entry");
        assertThat(entries.getLength()).isPositive();
        for (int i = 0; i < entries.getLength(); i++) {
          String href =
              ((Element)
                      ((Element) entries.item(i))
                          .getElementsByTagNameNS(ReportFeed.ATOM, "link")
                          .item(0))
                  .getAttribute("href");
          String signed = Fixture.get(base + href).body();
          CapTest.validate(signed);
          assertThat(CapSignerTest.signatureHolds(signed, signer)).as(href).isTrue();
        }
        // health names the certificate, and warns while its end is less than 30 days off
        JsonNode health = ApiContract.json(Fixture.get(base + "/health"));
        assertThat(health.at("/cap_signing/not_after").asText())
            .isEqualTo(signer.notAfter().toString());
        assertThat(health.at("/cap_signing/sha256").asText()).isEqualTo(signer.fingerprint());
        assertThat(health.at("/warnings/0").asText())
            .startsWith("the CAP signing certificate expires at " + signer.notAfter());
        assertThat(Fixture.get(base + "/metrics").body())
            .contains(
                "trucewatch_cap_certificate_not_after_timestamp_seconds "
                    + (double) signer.notAfter().getEpochSecond());
      }
      // once the certificate has expired, no message is served, signed or not
      CapSigner expired =
          signer.withClock(
              java.time.Clock.fixed(signer.notAfter().plusSeconds(60), java.time.ZoneOffset.UTC));
      try (Server s =
          Server.start(m, new Server.Options("127.0.0.1", 0, "", "").withCapSigner(expired))) {
        String base = "http://127.0.0.1:" + s.port();
        String href = feed(base).get(0).href();
        HttpResponse<String> refused = Fixture.get(base + href);
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(ApiContract.json(refused).path("message").asText())
            .startsWith("the CAP signing certificate expired at " + signer.notAfter());
        assertThat(ApiContract.json(Fixture.get(base + "/health")).at("/warnings/0").asText())
            .startsWith("the CAP signing certificate expired at ");
      }
    }
  }

  /**
   * A monitor over {@code store} under {@code terms} that has taken in a FIRMS file of 15 August
   * and then the surveillance reports {@code reports} (rows without the header).
   */
  /**
   * A monitor {@link #assessed} under the terms with a clause of reports ({@link
   * SurveillanceReportsServerTest#termsWithReportClause}) of a camera's explosion in the buffer: a
   * probable violation of C2.
   */
  static Monitor explosionInTheBuffer(Store store, Path tmp) throws Exception {
    return assessed(
        store, tmp, SurveillanceReportsServerTest.termsWithReportClause(tmp), Fixture.EXPLOSION);
  }

  static Monitor assessed(Store store, Path tmp, Path terms, String reports) throws Exception {
    Path file = tmp.resolve("reports.csv");
    Files.writeString(file, Fixture.REPORTS + reports, StandardCharsets.UTF_8);
    Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
    m.useTerms(terms);
    String fire = Fixture.FILES.get(2);
    m.ingest(Fixture.FIRMS.resolve(fire), fire, "test", Store.IngestListener.NONE);
    m.ingest(file, "reports.csv", "test", Store.IngestListener.NONE);
    return m;
  }

  /** Each entry of the CAP feed: its title, the path of its message and when it was sent. */
  record FeedEntry(String title, String href, String updated) {}

  static List<FeedEntry> feed(String base) throws Exception {
    return feed(base, "");
  }

  /** The entries of a CAP feed. */
  private static List<FeedEntry> entries(String body) throws Exception {
    NodeList entries = CapTest.parse(body).getElementsByTagNameNS(ReportFeed.ATOM, "entry");
    List<FeedEntry> out = new ArrayList<>();
    for (int i = 0; i < entries.getLength(); i++) {
      Element e = (Element) entries.item(i);
      out.add(
          new FeedEntry(
              e.getElementsByTagNameNS(ReportFeed.ATOM, "title").item(0).getTextContent(),
              ((Element) e.getElementsByTagNameNS(ReportFeed.ATOM, "link").item(0))
                  .getAttribute("href"),
              e.getElementsByTagNameNS(ReportFeed.ATOM, "updated").item(0).getTextContent()));
    }
    return out;
  }

  /** The message at {@code href}, checked against the standard's message structure. */
  private static Document message(String base, String href) throws Exception {
    HttpResponse<String> r = Fixture.get(base + href);
    assertThat(r.statusCode()).as(href + ": " + r.body()).isEqualTo(200);
    CapTest.validate(r.body());
    return CapTest.parse(r.body());
  }

  @Test
  void aFindingKeepsItsMessageAcrossAssessmentsGetsAnUpdateWhenItChangesAndACancelWhenWithdrawn(
      @TempDir Path tmp) throws Exception {
    Path terms = SurveillanceReportsServerTest.termsWithReportClause(tmp);
    Path observer = tmp.resolve("observer.csv");
    // an observer reports the same explosion: two independent sources, a violation
    Files.writeString(
        observer, Fixture.REPORTS + Fixture.EXPLOSION_OBSERVED, StandardCharsets.UTF_8);
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      // an explosion that one camera reports in the buffer (a probable violation of C2), and
      // gunfire that two sources report there (a violation)
      Monitor m = assessed(store, tmp, terms, Fixture.EXPLOSION + Fixture.GUNFIRE);
      try (Server s = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        String base = "http://127.0.0.1:" + s.port();
        List<FeedEntry> first = feed(base);
        FeedEntry probable =
            first.stream()
                .filter(e -> e.title().startsWith("Probable violation of clause C2,"))
                .findFirst()
                .orElseThrow();
        assertThat(first).allSatisfy(e -> assertThat(e.title()).doesNotContain(": "));
        assertThat(first)
            .filteredOn(e -> e.title().startsWith("Violation of clause C2,"))
            .hasSize(1);
        Document alert = message(base, probable.href());
        assertThat(CapTest.texts(alert, "msgType")).containsExactly("Alert");
        String alertId = CapTest.texts(alert, "identifier").get(0);
        String alertSent = CapTest.texts(alert, "sent").get(0);
        String sender = CapTest.texts(alert, "sender").get(0);

        // a FIRMS file of another day changes nothing that these findings state: every message
        // stays as it was, with its identifier and time
        String other = Fixture.FILES.get(0);
        m.ingest(Fixture.FIRMS.resolve(other), other, "test", Store.IngestListener.NONE);
        assertThat(store.assessment().orElseThrow().made())
            .isAfter(java.time.Instant.parse(probable.updated()));
        List<FeedEntry> again = feed(base);
        assertThat(again).containsAll(first);

        // the observer's report corroborates the camera's: an Update that references the Alert
        m.ingest(observer, "observer.csv", "test", Store.IngestListener.NONE);
        List<FeedEntry> corroborated = feed(base);
        FeedEntry updated =
            corroborated.stream()
                .filter(e -> e.title().startsWith("Updated: Violation of clause C2,"))
                .findFirst()
                .orElseThrow();
        Document update = message(base, updated.href());
        assertThat(CapTest.texts(update, "msgType")).containsExactly("Update");
        assertThat(CapTest.texts(update, "certainty")).containsExactly("Observed");
        assertThat(CapTest.texts(update, "references"))
            .containsExactly(sender + "," + alertId + "," + alertSent);
        String updateId = CapTest.texts(update, "identifier").get(0);
        // the replaced message is gone, naming what replaced it; the others are as they were
        HttpResponse<String> gone = Fixture.get(base + probable.href());
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(ApiContract.json(gone).path("message").asText())
            .isEqualTo("CAP message " + alertId + " has been replaced by " + updateId);
        assertThat(corroborated).doesNotContain(probable);
        assertThat(corroborated).containsAll(first.stream().filter(e -> e != probable).toList());
        // the finding's own CAP link gives its current message
        String findingId = CapTest.pair(update, "eventCode", "finding_id");
        assertThat(
                CapTest.texts(
                    CapTest.parse(Fixture.get(base + Cap.href(findingId) + "?format=cap").body()),
                    "identifier"))
            .containsExactly(updateId);

        // the terms lose the clause on reports: no violation rests on the reports any more, and
        // both messages of C2 (the gunfire's Alert and the explosion's Update) are cancelled
        List<Monitor.DaysStated> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        m.listen(told::add);
        m.useTerms(termsWithoutReportClause(tmp));
        List<FeedEntry> amended = feed(base);
        FeedEntry withdrawn =
            amended.stream()
                .filter(e -> e.title().startsWith("Withdrawn: Violation of clause C2,"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(amended.toString()));
        assertThat(withdrawn.href())
            .startsWith(Cap.MESSAGE_PATH + "trucewatch-")
            .endsWith("-cancel");
        Document cancel = message(base, withdrawn.href());
        assertThat(CapTest.texts(cancel, "msgType")).containsExactly("Cancel");
        assertThat(CapTest.texts(cancel, "references"))
            .containsExactly(sender + "," + updateId + "," + CapTest.texts(update, "sent").get(0));
        assertThat(CapTest.texts(cancel, "note").get(0))
            .contains("no finding of violation or probable violation rests on the evidence");
        assertThat(amended).filteredOn(e -> e.title().startsWith("Withdrawn: ")).hasSize(2);
        assertThat(amended)
            .filteredOn(e -> !e.title().startsWith("Withdrawn: "))
            .allSatisfy(e -> assertThat(e.title()).doesNotContain("clause C2"))
            .containsAll(
                corroborated.stream().filter(e -> !e.title().contains("clause C2")).toList());
        assertThat(Fixture.get(base + Cap.MESSAGE_PATH + "trucewatch-nothing").statusCode())
            .isEqualTo(404);

        // the log lists every message issued, oldest first: what the mission said, and when
        JsonNode log = ApiContract.json(Fixture.get(base + "/api/v1/alert-messages"));
        List<String> types = new ArrayList<>();
        log.path("items").forEach(x -> types.add(x.path("type").asText()));
        assertThat(types).containsExactly("Alert", "Alert", "Update", "Cancel", "Cancel");
        assertThat(log.path("matched").asLong()).isEqualTo(5);
        JsonNode logged = log.path("items").get(2);
        assertThat(logged.path("identifier").asText()).isEqualTo(updateId);
        assertThat(logged.path("references").get(0).path("identifier").asText()).isEqualTo(alertId);
        assertThat(logged.path("verdict").asText()).isEqualTo("violation");
        assertThat(logged.path("evidence_rows").asInt()).isEqualTo(2);
        assertThat(logged.has("evidence")).isFalse();
        assertThat(logged.path("href").asText()).isEqualTo(Cap.MESSAGE_PATH + updateId);
        JsonNode since =
            ApiContract.json(
                Fixture.get(
                    base + "/api/v1/alert-messages?limit=1&since=" + logged.path("sent").asText()));
        assertThat(since.path("matched").asLong()).isEqualTo(3);
        assertThat(since.path("items").get(0).path("identifier").asText()).isEqualTo(updateId);
        assertThat(since.path("next").asText()).contains("offset=1");
        assertThat(Fixture.get(base + "/api/v1/alert-messages?since=yesterday").statusCode())
            .isEqualTo(400);
        // numbered in the order issued: a reader follows the log from the last number it read
        List<Long> numbers = new ArrayList<>();
        log.path("items").forEach(x -> numbers.add(x.path("seq").asLong()));
        assertThat(numbers).containsExactly(1L, 2L, 3L, 4L, 5L);
        JsonNode after = ApiContract.json(Fixture.get(base + "/api/v1/alert-messages?after=3"));
        assertThat(after.path("matched").asLong()).isEqualTo(2);
        assertThat(after.path("items").get(0).path("type").asText()).isEqualTo("Cancel");
        assertThat(after.path("items").get(0).path("seq").asLong()).isEqualTo(4);
        assertThat(
                ApiContract.json(Fixture.get(base + "/api/v1/alert-messages?after=5"))
                    .path("items"))
            .isEmpty();
        HttpResponse<String> negative = Fixture.get(base + "/api/v1/alert-messages?after=-1");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(ApiContract.json(negative).path("message").asText())
            .isEqualTo("after must be a whole number >= 0, was -1");

        // the alerts name the findings withdrawn, each with its Cancel
        assertThat(told).hasSize(1);
        Monitor.DaysStated stated = told.get(0);
        assertThat(stated.withdrawn(org.trucewatch.assessment.Verdict.VIOLATION)).isEqualTo(2);
        assertThat(Statement.text(stated)).endsWith("; findings withdrawn: 2 violation.");
        // the store's log of statements keeps what the webhooks post, as the assessment told it
        assertThat(store.statementsAfter(0, 100))
            .extracting(org.trucewatch.store.Rows.Statement::body)
            .last()
            .isEqualTo(Statement.json(stated));
        JsonNode statement = ApiContract.JSON.readTree(Statement.json(stated));
        List<JsonNode> listed = new ArrayList<>();
        for (JsonNode d : statement.path("days")) {
          d.path("withdrawn_findings").forEach(listed::add);
        }
        assertThat(listed)
            .extracting(x -> x.path("cap").asText())
            .containsExactlyInAnyOrderElementsOf(
                amended.stream()
                    .filter(e -> e.title().startsWith("Withdrawn: "))
                    .map(FeedEntry::href)
                    .toList());
        assertThat(listed)
            .allSatisfy(
                x -> {
                  assertThat(x.path("verdict").asText()).isEqualTo("violation");
                  assertThat(x.path("clause_id").asText()).isEqualTo("C2");
                  assertThat(x.path("oblast").asText()).isEqualTo("Donetsk Oblast");
                  assertThat(x.path("reason").asText()).startsWith("Withdrawn by the assessment");
                });
        assertThat(
                MailAlerts.body(
                    statement, java.util.Optional.of(URI.create("https://truce.example/"))))
            .contains("  findings withdrawn       1\n    violation, clause C2, 2025-08-16 14:0")
            .contains(
                "    violation, clause C2, 2025-08-17 09:3",
                ", Donetsk Oblast, ground held by the Government of Ukraine:"
                    + " https://truce.example"
                    + withdrawn.href()
                    + "\n");
      }
    }
  }

  /** Two monitoring sectors, split at 48.2° N: the camera's explosion north, the gunfire south. */
  static final String SECTORS =
      "\nsectors:\n"
          + "  - id: north\n"
          + "    name: Sector North\n"
          + "    geometry: {type: Polygon, coordinates: [[[36.0, 48.2], [39.0, 48.2], [39.0, 49.0],"
          + " [36.0, 49.0], [36.0, 48.2]]]}\n"
          + "  - id: south\n"
          + "    name: Sector South\n"
          + "    geometry: {type: Polygon, coordinates: [[[36.0, 47.5], [39.0, 47.5], [39.0, 48.2],"
          + " [36.0, 48.2], [36.0, 47.5]]]}\n";

  @Test
  void theFeedOfOneSectorOrOblastListsItsMessagesAndItsCancels(@TempDir Path tmp) throws Exception {
    Path terms = SurveillanceReportsServerTest.termsWithReportClause(tmp);
    Files.writeString(
        terms, Files.readString(terms, StandardCharsets.UTF_8) + SECTORS, StandardCharsets.UTF_8);
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor m = assessed(store, tmp, terms, Fixture.GUNFIRE + Fixture.EXPLOSION);
      try (Server s = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        String base = "http://127.0.0.1:" + s.port();
        List<FeedEntry> all = feed(base);
        List<FeedEntry> north = feed(base, "?sector=north");
        List<FeedEntry> south = feed(base, "?sector=south");
        List<FeedEntry> none = feed(base, "?sector=none");
        assertThat(north).extracting(FeedEntry::title).anyMatch(t -> t.startsWith("Probable"));
        assertThat(south).extracting(FeedEntry::title).anyMatch(t -> t.startsWith("Violation"));
        // each message names the sector its feed was asked for
        for (var e : java.util.Map.of("north", north, "south", south).entrySet()) {
          for (FeedEntry x : e.getValue()) {
            assertThat(CapTest.pair(message(base, x.href()), "parameter", "sector_id"))
                .isEqualTo(e.getKey());
          }
        }
        for (FeedEntry x : none) {
          assertThat(CapTest.pair(message(base, x.href()), "parameter", "sector_id")).isNull();
        }
        List<FeedEntry> parts = new ArrayList<>(north);
        parts.addAll(south);
        parts.addAll(none);
        assertThat(parts).containsExactlyInAnyOrderElementsOf(all);
        // by oblast: everything here lies in Donetsk Oblast
        assertThat(feed(base, "?oblast=UA-14")).containsExactlyElementsOf(all);
        assertThat(feed(base, "?oblast=UA-23")).isEmpty();
        assertThat(
                CapTest.parse(Fixture.get(base + Cap.FEED_PATH + "?sector=north").body())
                    .getElementsByTagNameNS(ReportFeed.ATOM, "link")
                    .item(0)
                    .getAttributes()
                    .getNamedItem("href")
                    .getTextContent())
            .isEqualTo(Cap.FEED_PATH + "?sector=north");
        // a sector the terms do not give, or another parameter, is refused
        HttpResponse<String> west = Fixture.get(base + Cap.FEED_PATH + "?sector=west");
        assertThat(west.statusCode()).isEqualTo(400);
        assertThat(ApiContract.json(west).path("message").asText())
            .isEqualTo("sector must be one of north, south or none, was west");
        assertThat(Fixture.get(base + Cap.FEED_PATH + "?verdict=violation").statusCode())
            .isEqualTo(400);

        // the terms drop the clause on reports: each sector's feed lists its own Cancel
        Path amended = termsWithoutReportClause(tmp);
        Files.writeString(
            amended,
            Files.readString(amended, StandardCharsets.UTF_8) + SECTORS,
            StandardCharsets.UTF_8);
        m.useTerms(amended);
        List<FeedEntry> northCancels =
            feed(base, "?sector=north").stream()
                .filter(e -> e.title().startsWith("Withdrawn: "))
                .toList();
        List<FeedEntry> southCancels =
            feed(base, "?sector=south").stream()
                .filter(e -> e.title().startsWith("Withdrawn: "))
                .toList();
        assertThat(northCancels)
            .singleElement()
            .satisfies(e -> assertThat(e.title()).startsWith("Withdrawn: Probable violation"));
        assertThat(southCancels)
            .singleElement()
            .satisfies(e -> assertThat(e.title()).startsWith("Withdrawn: Violation"));
        assertThat(feed(base, "?sector=none")).noneMatch(e -> e.title().startsWith("Withdrawn"));
      }
    }
  }

  static List<FeedEntry> feed(String base, String query) throws Exception {
    HttpResponse<String> r = Fixture.get(base + Cap.FEED_PATH + query);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return entries(r.body());
  }

  /** The terms of {@link SurveillanceReportsServerTest#termsWithReportClause} without C2. */
  static Path termsWithoutReportClause(Path tmp) throws Exception {
    Path terms = Files.createDirectories(tmp.resolve("amended")).resolve("terms.yaml");
    Files.writeString(
        terms,
        Files.readString(Fixture.TERMS, StandardCharsets.UTF_8)
            .replace(
                "control_map: ../",
                "control_map: " + Fixture.DATA.toString().replace('\\', '/') + "/"),
        StandardCharsets.UTF_8);
    return terms;
  }
}
