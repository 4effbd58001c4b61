package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.reports.ReportJson;
import org.trucewatch.run.PeriodReport;
import org.trucewatch.store.Rows;
import org.trucewatch.store.Store;

/**
 * Webhooks and e-mail of one monitoring sector or oblast: a receiver whose URL or address ends with
 * {@code #sector=ID} or {@code #oblast=CODE} is given the days on which a finding there is first
 * stated or withdrawn, with only those findings, and passes over the statements that say nothing of
 * its area; a receiver of the whole area is given each statement as the log keeps it.
 */
class AlertsByAreaTest {
  private static final List<Duration> RETRIES = List.of(Duration.ofMillis(20));

  /** Webhooks of {@code store} to {@code urls}, signed with {@code secret}, tried twice. */
  private static Webhooks hooks(Store store, String secret, URI... urls) {
    return new Webhooks(new Webhooks.Settings(List.of(urls), Optional.of(secret), RETRIES), store);
  }

  /** What {@code r} got, each checked as an alert of the statement it is. */
  private static List<JsonNode> alerts(WebhooksTest.Receiver r, String secret) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (WebhooksTest.Received x : new ArrayList<>(r.got)) {
      assertThat(x.headers().get("event")).isEqualTo(Alerts.EVENT);
      assertThat(x.headers().get("delivery")).isEqualTo(Alerts.alertId(x.body()));
      assertThat(x.headers().get("signature"))
          .isEqualTo("sha256=" + Webhooks.sign(secret, x.body()));
      out.add(x.json());
    }
    return out;
  }

  private static List<String> dates(JsonNode alert) {
    List<String> out = new ArrayList<>();
    alert.path("days").forEach(d -> out.add(d.path("date").asText()));
    return out;
  }

  /** The values of {@code field} of the day's findings listed under {@code list}. */
  private static List<String> listed(JsonNode alert, String list, String field) {
    List<String> out = new ArrayList<>();
    alert.path("days").forEach(d -> d.path(list).forEach(f -> out.add(f.path(field).asText())));
    return out;
  }

  /**
   * An observer's report of gunfire on 16 August behind the line in Sector South, Donetsk Oblast,
   * outside the buffer: an incident, but no finding of violation.
   */
  private static Path gunfireBehindTheLine(Path tmp) throws Exception {
    return Files.writeString(
        tmp.resolve("behind.csv"),
        Fixture.REPORTS + "R-9,OBS-9,observer,2025-08-16T12:00Z,47.9500,37.9500,1000,gunfire\n",
        StandardCharsets.UTF_8);
  }

  /**
   * Checks that the log of statements at {@code url} (of one area) gives, entry by entry, what
   * {@code r} was given: the alert of each index of {@code given}, or null for -1.
   */
  private static void areaLog(String url, WebhooksTest.Receiver r, int... given) throws Exception {
    JsonNode items = WebhooksTest.JSON.readTree(Fixture.get(url).body()).path("items");
    assertThat(items).hasSize(given.length);
    for (int k = 0; k < given.length; k++) {
      JsonNode item = items.get(k);
      assertThat(item.path("seq").asLong()).isEqualTo(k + 1);
      if (given[k] < 0) {
        assertThat(item.path("statement").isNull()).as(url + " " + k).isTrue();
        assertThat(item.path("delivery").isNull()).isTrue();
      } else {
        WebhooksTest.Received got = r.got.get(given[k]);
        assertThat(item.path("statement")).as(url + " " + k).isEqualTo(got.json());
        assertThat(item.path("delivery").asText()).isEqualTo(got.headers().get("delivery"));
      }
    }
  }

  @Test
  void aWebhookOfOneSectorOrOblastIsGivenOnlyTheDaysAndFindingsOfItsArea(@TempDir Path tmp)
      throws Exception {
    CapPushTest.Reports r = CapPushTest.Reports.inSectors(tmp);
    String secret = "s3cret";
    try (Store store = Store.open(tmp.resolve("db").toString());
        WebhooksTest.Receiver whole = new WebhooksTest.Receiver();
        WebhooksTest.Receiver north = new WebhooksTest.Receiver();
        WebhooksTest.Receiver donetsk = new WebhooksTest.Receiver();
        WebhooksTest.Receiver kyiv = new WebhooksTest.Receiver();
        WebhooksTest.Receiver outside = new WebhooksTest.Receiver();
        Webhooks hooks =
            hooks(
                store,
                secret,
                whole.url(),
                URI.create(north.url() + "#sector=north"),
                URI.create(donetsk.url() + "?key=k#oblast=UA-14"),
                URI.create(kyiv.url() + "#oblast=UA-32"),
                URI.create(outside.url() + "#sector=none"))) {
      // the camera's gunfire (16 August, Sector South) and explosion (17 August, Sector North)
      Monitor m = CapPushTest.cameraTakenIn(store, hooks, r);
      List<Rows.Statement> log = store.statementsAfter(0, 10);
      assertThat(log).hasSize(1);
      assertThat(whole.got).hasSize(1);
      assertThat(new String(whole.got.get(0).body(), StandardCharsets.UTF_8))
          .isEqualTo(log.get(0).body());
      assertThat(alerts(whole, secret).get(0).has("area")).isFalse();

      JsonNode inNorth = alerts(north, secret).get(0);
      assertThat(alerts(north, secret)).hasSize(1);
      assertThat(dates(inNorth)).containsExactly("2025-08-17");
      assertThat(listed(inNorth, "first_stated_findings", "verdict"))
          .containsExactly("probable-violation");
      assertThat(listed(inNorth, "first_stated_findings", "sector_id")).containsExactly("north");
      assertThat(inNorth.path("area").path("sector").asText()).isEqualTo("north");
      assertThat(inNorth.path("area").path("oblast").isNull()).isTrue();
      assertThat(inNorth.path("text").asText())
          .isEqualTo(
              "Truce Watch, sector north: figures stated for the first time for 2025-08-17;"
                  + " findings first stated: 1 probable violation (2025-08-17).");
      // the day keeps the figures of the whole area monitored, as the log states them, without
      // the names of the areas whose counts changed
      JsonNode day17 = null;
      for (JsonNode d : alerts(whole, secret).get(0).path("days")) {
        if (d.path("date").asText().equals("2025-08-17")) {
          day17 = d;
        }
      }
      ObjectNode wholeFigures = day17.path("figures").deepCopy();
      assertThat(wholeFigures.remove("areas_changed").isNull()).isTrue();
      assertThat(inNorth.path("days").get(0).path("figures")).isEqualTo(wholeFigures);
      // and the counts of its area, as the daily report counts the sector, in place of the
      // counts by every sector and oblast that the whole statement gives
      JsonNode sectorNorth = day17.path("by_sector").path("north");
      assertThat(sectorNorth.path("name").asText()).isEqualTo("Sector North");
      assertThat(sectorNorth.path("violations").asInt()).isEqualTo(1);
      JsonNode northFigures = inNorth.path("days").get(0).path("area_figures");
      assertThat(northFigures.path("sector")).isEqualTo(sectorNorth);
      assertThat(northFigures.path("oblast").isNull()).isTrue();
      assertThat(northFigures.has("previous")).isFalse(); // stated for the first time
      assertThat(inNorth.path("days").get(0).has("by_sector")).isFalse();
      assertThat(inNorth.path("days").get(0).has("by_oblast")).isFalse();
      assertThat(inNorth.path("method_version"))
          .isEqualTo(day17.path("figures").path("method_version"));

      JsonNode inDonetsk = alerts(donetsk, secret).get(0);
      assertThat(dates(inDonetsk)).containsExactly("2025-08-16", "2025-08-17");
      assertThat(listed(inDonetsk, "first_stated_findings", "oblast_code"))
          .containsExactly("UA-14", "UA-14");
      for (JsonNode d : inDonetsk.path("days")) {
        assertThat(d.at("/area_figures/oblast/name").asText()).isEqualTo("Donetsk Oblast");
        assertThat(d.at("/area_figures/oblast/violations").asInt()).isEqualTo(1);
        assertThat(d.at("/area_figures/sector").isNull()).isTrue();
      }
      assertThat(inDonetsk.path("text").asText())
          .isEqualTo(
              "Truce Watch, oblast UA-14: figures stated for the first time for 2025-08-16,"
                  + " 2025-08-17; findings first stated: 1 violation, 1 probable violation"
                  + " (2025-08-16, 2025-08-17).");
      assertThat(kyiv.got).isEmpty();
      assertThat(outside.got).isEmpty();
      // each receiver at the log's end, shown with its area and without the key
      assertThat(hooks.status())
          .extracting(Alerts.Status::receiver, Alerts.Status::place, Alerts.Status::behind)
          .containsExactly(
              tuple(whole.url().toString(), 1L, 0L),
              tuple(north.url() + "#sector=north", 1L, 0L),
              tuple(donetsk.url() + "#oblast=UA-14", 1L, 0L),
              tuple(kyiv.url() + "#oblast=UA-32", 1L, 0L),
              tuple(outside.url() + "#sector=none", 1L, 0L));

      // the observer corroborates the explosion: figures revised, no finding first stated
      m.ingest(r.observer(), "observer.csv", "test", Store.IngestListener.NONE);
      assertThat(hooks.awaitIdle(WebhooksTest.WAIT)).isTrue();
      assertThat(whole.got).hasSize(2);
      // (the explosion's sector and oblast count the same: no receiver of an area is told)
      assertThat(north.got).hasSize(1);
      assertThat(donetsk.got).hasSize(1);

      // gunfire behind the line in Sector South, Donetsk, outside the buffer: no finding of
      // violation, but Donetsk Oblast's and Sector South's counts for 16 August are revised
      m.ingest(gunfireBehindTheLine(tmp), "behind.csv", "test", Store.IngestListener.NONE);
      assertThat(hooks.awaitIdle(WebhooksTest.WAIT)).isTrue();
      assertThat(whole.got).hasSize(3);
      JsonNode revisedDay = alerts(whole, secret).get(2).path("days").get(0);
      assertThat(revisedDay.path("previous_by_oblast").path("UA-14").path("incidents").asInt())
          .isEqualTo(1);
      assertThat(revisedDay.path("previous_by_sector").has("north")).isFalse();
      JsonNode inDonetskRevised = alerts(donetsk, secret).get(1);
      assertThat(dates(inDonetskRevised)).containsExactly("2025-08-16");
      assertThat(inDonetskRevised.path("text").asText())
          .isEqualTo("Truce Watch, oblast UA-14: figures revised for 2025-08-16.");
      JsonNode donetskFigures = inDonetskRevised.path("days").get(0).path("area_figures");
      assertThat(donetskFigures.at("/oblast/incidents").asInt()).isEqualTo(2);
      assertThat(donetskFigures.at("/previous/oblast/incidents").asInt()).isEqualTo(1);
      assertThat(donetskFigures.at("/previous/sector").isNull()).isTrue();
      assertThat(listed(inDonetskRevised, "first_stated_findings", "id")).isEmpty();
      assertThat(inDonetskRevised.path("days").get(0).has("previous_by_oblast")).isFalse();
      assertThat(north.got).hasSize(1);
      assertThat(kyiv.got).isEmpty();
      assertThat(outside.got).isEmpty();

      // a system that takes no alerts reads the log of one area: each statement as the area's
      // receiver was given it, null where it was given nothing
      try (Server server = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        String statements = "http://127.0.0.1:" + server.port() + "/api/v1/statements";
        areaLog(statements + "?oblast=UA-14", donetsk, 0, -1, 1);
        areaLog(statements + "?sector=north", north, 0, -1, -1);
        HttpResponse<String> unknown = Fixture.get(statements + "?sector=east");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("sector must be one of north, south or none");
      }

      // terms without the clause on reports withdraw both findings
      m.useTerms(CapServerTest.termsWithoutReportClause(tmp));
      assertThat(hooks.awaitIdle(WebhooksTest.WAIT)).isTrue();
      assertThat(whole.got).hasSize(4);
      JsonNode withdrawn = alerts(north, secret).get(1);
      assertThat(dates(withdrawn)).containsExactly("2025-08-17");
      assertThat(listed(withdrawn, "withdrawn_findings", "sector_id")).containsExactly("north");
      assertThat(listed(withdrawn, "first_stated_findings", "id")).isEmpty();
      assertThat(withdrawn.path("text").asText())
          .startsWith("Truce Watch, sector north: findings withdrawn: 1 ")
          .endsWith(" (2025-08-17).");
      assertThat(listed(alerts(donetsk, secret).get(2), "withdrawn_findings", "oblast_code"))
          .containsExactly("UA-14", "UA-14");
      assertThat(kyiv.got).isEmpty();
      assertThat(outside.got).isEmpty();
      assertThat(hooks.status()).extracting(Alerts.Status::behind).containsOnly(0L);
    }
  }

  /** An observer's report of gunfire, OBS-9's, at {@code latitude} 37.95° E. */
  private static Path observed(Path tmp, String id, String at, String latitude) throws Exception {
    return Files.writeString(
        tmp.resolve(id + ".csv"),
        Fixture.REPORTS + id + ",OBS-9,observer," + at + "," + latitude + ",37.9500,100,gunfire\n",
        StandardCharsets.UTF_8);
  }

  @Test
  void anIncidentThatMovesToAnotherSectorWithTheDaysTotalsTheSameRevisesTheDayInBothSectors(
      @TempDir Path tmp) throws Exception {
    CapPushTest.Reports r = CapPushTest.Reports.inSectors(tmp);
    String secret = "s3cret";
    try (Store store = Store.open(tmp.resolve("db").toString());
        WebhooksTest.Receiver whole = new WebhooksTest.Receiver();
        WebhooksTest.Receiver north = new WebhooksTest.Receiver();
        WebhooksTest.Receiver south = new WebhooksTest.Receiver();
        Webhooks hooks =
            hooks(
                store,
                secret,
                whole.url(),
                URI.create(north.url() + "#sector=north"),
                URI.create(south.url() + "#sector=south"))) {
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      m.listen(hooks);
      m.useTerms(r.terms());
      // gunfire at 16:00 UTC on 16 August (its report day, which ends at 16:30 UTC), 48.196° N:
      // an incident of one report, in Sector South (south of 48.2° N)
      m.ingest(
          observed(tmp, "R-A", "2025-08-16T16:00Z", "48.1960"),
          "a.csv",
          "test",
          Store.IngestListener.NONE);
      assertThat(hooks.awaitIdle(WebhooksTest.WAIT)).isTrue();
      // the same observer 45 minutes later at 48.208° N, on the next report day: the report joins
      // the incident, whose point, the mean of its reports', moves to 48.202° N, in Sector North
      m.ingest(
          observed(tmp, "R-B", "2025-08-16T16:45Z", "48.2080"),
          "b.csv",
          "test",
          Store.IngestListener.NONE);
      assertThat(hooks.awaitIdle(WebhooksTest.WAIT)).isTrue();
      // the whole area's receiver: 16 August revised with the same totals, and what changed
      List<JsonNode> all = alerts(whole, secret);
      assertThat(all).hasSize(2);
      assertThat(all.get(1).path("text").asText())
          .isEqualTo(
              "Truce Watch: figures stated for the first time for 2025-08-17; figures revised for"
                  + " 2025-08-16.");
      JsonNode revised = all.get(1).path("days").get(0);
      assertThat(revised.path("date").asText()).isEqualTo("2025-08-16");
      ObjectNode now = revised.path("figures").deepCopy();
      ObjectNode before = revised.path("previous").deepCopy();
      assertThat(now.remove("areas_changed"))
          .containsExactly(
              WebhooksTest.JSON.getNodeFactory().textNode("Sector South"),
              WebhooksTest.JSON.getNodeFactory().textNode("Sector North"));
      for (ObjectNode f : List.of(now, before)) {
        f.remove(List.of("stated", "last_ingest_id", "areas_changed"));
      }
      assertThat(now).isEqualTo(before);
      assertThat(now.path("incidents").asInt()).isEqualTo(1);
      assertThat(revised.path("previous_by_sector").path("south").path("incidents").asInt())
          .isEqualTo(1);
      assertThat(revised.path("previous_by_sector").path("north").isNull()).isTrue();
      assertThat(revised.path("previous_by_sector").size()).isEqualTo(2);
      assertThat(revised.path("previous_by_oblast").size()).isZero();
      assertThat(revised.path("previous_by_side").size()).isZero();
      assertThat(MailAlerts.body(all.get(1), Optional.empty()))
          .contains("\n  counts changed in        Sector South, Sector North\n");
      // Sector South's receiver: first stated, then revised to nothing counted there
      List<JsonNode> inSouth = alerts(south, secret);
      assertThat(inSouth).hasSize(2);
      assertThat(inSouth.get(1).path("text").asText())
          .isEqualTo("Truce Watch, sector south: figures revised for 2025-08-16.");
      JsonNode southDay = inSouth.get(1).path("days").get(0);
      assertThat(southDay.path("figures").has("areas_changed")).isFalse();
      assertThat(southDay.path("previous").has("areas_changed")).isFalse();
      assertThat(southDay.has("by_side")).isFalse();
      assertThat(southDay.has("previous_by_side")).isFalse();
      JsonNode southFigures = southDay.path("area_figures");
      assertThat(southFigures.path("sector").isNull()).isTrue();
      assertThat(southFigures.at("/previous/sector/incidents").asInt()).isEqualTo(1);
      // Sector North's: nothing until the incident came into it
      List<JsonNode> inNorth = alerts(north, secret);
      assertThat(inNorth).hasSize(1);
      assertThat(inNorth.get(0).path("text").asText())
          .isEqualTo("Truce Watch, sector north: figures revised for 2025-08-16.");
      JsonNode northFigures = inNorth.get(0).path("days").get(0).path("area_figures");
      assertThat(northFigures.at("/sector/incidents").asInt()).isEqualTo(1);
      assertThat(northFigures.at("/previous/sector").isNull()).isTrue();
      // the daily report lists both versions, the second naming what changed
      String page = store.dayPage(java.time.LocalDate.parse("2025-08-16")).orElseThrow();
      assertThat(page)
          .contains("<th>counts changed in</th>")
          .contains("<td>Sector South, Sector North</td>");
      // and so do report.json and the feed of the daily reports
      JsonNode report =
          WebhooksTest.JSON.readTree(store.assessmentText(Store.Text.REPORT_JSON).orElseThrow());
      assertThat(report.at("/days/1/date").asText()).isEqualTo("2025-08-16");
      assertThat(report.at("/days/1/revisions/1/areas_changed").toString())
          .isEqualTo("[\"Sector South\",\"Sector North\"]");
      assertThat(ReportFeed.atom(report, Instant.EPOCH))
          .contains("Report day 2025-08-16 (during the truce; not observed from space), version 2,")
          .contains("Counts changed in: Sector South, Sector North.</summary>");
    }
  }

  @Test
  void anAddressOfOneSectorIsMailedOnlyItsFindingsAndHasAPlaceOfItsOwn(@TempDir Path tmp)
      throws Exception {
    GreenMail smtp =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    smtp.start();
    try (Store store = Store.open(tmp.resolve("db").toString());
        MailAlerts mail =
            new MailAlerts(
                new MailAlerts.Settings(
                    URI.create("smtp://127.0.0.1:" + smtp.getSmtp().getPort()),
                    Optional.empty(),
                    MailAlerts.address("alerts@mission.example"),
                    List.of(
                        MailAlerts.Recipient.of("Liaison <liaison@example.org>"),
                        MailAlerts.Recipient.of("liaison@example.org#sector=north"),
                        MailAlerts.Recipient.of("liaison@example.org#oblast=UA-14")),
                    Optional.empty(),
                    RETRIES),
                store)) {
      Monitor m = CapPushTest.cameraTakenIn(store, mail, CapPushTest.Reports.inSectors(tmp));
      MimeMessage[] got = smtp.getReceivedMessages();
      assertThat(got).hasSize(3);
      List<String> subjects = new ArrayList<>();
      String north = null;
      for (MimeMessage x : got) {
        assertThat(((InternetAddress) x.getRecipients(Message.RecipientType.TO)[0]).getAddress())
            .isEqualTo("liaison@example.org");
        subjects.add(x.getSubject());
        if (x.getSubject().contains("sector north")) {
          north = text(x);
        }
      }
      assertThat(subjects)
          .containsExactlyInAnyOrder(
              "Truce Watch: figures stated for the first time for 2025-08-16, 2025-08-17;"
                  + " findings first stated: 1 violation, 1 probable violation",
              "Truce Watch, sector north: figures stated for the first time for 2025-08-17;"
                  + " findings first stated: 1 probable violation (2025-08-17)",
              "Truce Watch, oblast UA-14: figures stated for the first time for 2025-08-16,"
                  + " 2025-08-17; findings first stated: 1 violation, 1 probable violation"
                  + " (2025-08-16, 2025-08-17)");
      assertThat(north)
          .contains(
              "\nThis message is for sector north: it gives the days on which figures there were"
                  + " first stated or revised, or findings there first stated or withdrawn, and"
                  + " only those findings; each day's figures are those of the whole area"
                  + " monitored, then those of sector north.\n")
          .contains(
              "\n  in Sector North          detections 0, war-related (inference) 0, in the buffer"
                  + " 0, incidents 1, violations and probable violations 1\n")
          .contains("\n2025-08-17, version 1 (first stated)\n")
          .doesNotContain("2025-08-16")
          .contains("  findings first stated    1\n    probable-violation, clause ")
          .contains("(sector: Sector North)");

      // the address has a place for the whole area and one for Sector North
      // Donetsk Oblast's counts revised (gunfire behind the line): its address is told what they
      // were, Sector North's is not told
      m.ingest(gunfireBehindTheLine(tmp), "behind.csv", "test", Store.IngestListener.NONE);
      assertThat(mail.awaitIdle(WebhooksTest.WAIT)).isTrue();
      got = smtp.getReceivedMessages();
      assertThat(got).hasSize(5);
      assertThat(List.of(got[3].getSubject(), got[4].getSubject()))
          .containsExactlyInAnyOrder(
              "Truce Watch: figures revised for 2025-08-16",
              "Truce Watch, oblast UA-14: figures revised for 2025-08-16");
      MimeMessage donetsk = got[3].getSubject().contains("UA-14") ? got[3] : got[4];
      assertThat(text(donetsk))
          .contains("\n2025-08-16, version 2 (revised)\n")
          .contains(
              "\n  in Donetsk Oblast        detections 0, war-related (inference) 0, in the buffer"
                  + " 0, incidents 2 (was 1), violations and probable violations 1\n")
          .doesNotContain("findings first stated");

      // the address has a place for the whole area and one for each area
      assertThat(mail.status())
          .extracting(Alerts.Status::receiver, Alerts.Status::behind)
          .containsExactly(
              tuple("liaison@example.org", 0L),
              tuple("liaison@example.org#sector=north", 0L),
              tuple("liaison@example.org#oblast=UA-14", 0L));
      assertThat(store.alertPlaces()).hasSize(3);
    } finally {
      smtp.stop();
    }
  }

  private static String text(MimeMessage m) throws Exception {
    return ((String) m.getContent()).replace("\r\n", "\n");
  }

  @Test
  void aFindingOutsideEverySectorIsOfSectorNoneAndOneThatNamesNoOblastIsOfNoArea()
      throws Exception {
    String body =
        "{\"event\":\"day-figures-stated\",\"days\":["
            + "{\"date\":\"2025-08-16\",\"first_stated_findings\":["
            + "{\"id\":\"a\",\"verdict\":\"violation\",\"sector_id\":\"\",\"oblast_code\":\"UA-14\"},"
            + "{\"id\":\"b\",\"verdict\":\"violation\",\"sector_id\":\"east\"}],"
            + "\"withdrawn_findings\":[]},"
            + "{\"date\":\"2025-08-17\",\"first_stated_findings\":[],\"withdrawn_findings\":["
            + "{\"finding_id\":\"c\",\"verdict\":\"probable-violation\",\"sector_id\":\"\","
            + "\"oblast_code\":\"\"}]}],"
            + "\"text\":\"Truce Watch: figures revised for 2025-08-16, 2025-08-17.\"}";
    assertThat(Statement.in(AlertArea.ALL, body)).containsSame(body);
    JsonNode none =
        WebhooksTest.JSON.readTree(Statement.in(new AlertArea("none", null), body).orElseThrow());
    assertThat(listed(none, "first_stated_findings", "id")).containsExactly("a");
    assertThat(listed(none, "withdrawn_findings", "finding_id")).containsExactly("c");
    assertThat(none.path("text").asText())
        .isEqualTo(
            "Truce Watch, outside every sector: findings first stated: 1 violation; findings"
                + " withdrawn: 1 probable violation (2025-08-16, 2025-08-17).");
    // finding b names no oblast code (as statements logged before they carried one): no area's
    assertThat(Statement.in(new AlertArea("east", null), body)).isEmpty();
    assertThat(Statement.in(new AlertArea(null, "UA-14"), body).orElseThrow())
        .contains("\"id\":\"a\"")
        .doesNotContain("\"id\":\"b\"")
        .doesNotContain("2025-08-17");
  }

  @Test
  void anAreaWhoseActivityIsNoLongerCountedIsRevisedToNoneAndAnOlderStatementRevisesNoArea()
      throws Exception {
    ObjectNode zaporizhzhia = WebhooksTest.JSON.createObjectNode();
    ReportJson.part(zaporizhzhia, new PeriodReport.Part("Zaporizhzhia Oblast", 3, 2, 1, 1, 0));
    // a statement of 16 August, revised: Zaporizhzhia Oblast's activity is no longer counted
    ObjectNode statement =
        (ObjectNode)
            WebhooksTest.JSON.readTree(
                Statement.json(WebhooksTest.stated(Instant.parse("2025-08-17T06:00:00Z"), 10)));
    ObjectNode day16 = (ObjectNode) statement.path("days").get(0);
    day16.put("version", 2).put("change", "revised").set("previous", day16.get("figures"));
    day16.putObject("by_oblast");
    day16.putObject("by_sector");
    day16.putObject("previous_by_oblast").set("UA-23", zaporizhzhia);
    day16.putObject("previous_by_sector");
    // 17 August, revised, as a statement logged before the counts before were kept states it
    ObjectNode day17 = statement.withArray("days").addObject().setAll(day16.deepCopy());
    day17.put("date", "2025-08-17").remove(List.of("previous_by_oblast", "previous_by_sector"));
    day17.putObject("by_oblast").set("UA-23", zaporizhzhia);
    String body = statement.toString();
    JsonNode cut =
        WebhooksTest.JSON.readTree(Statement.in(new AlertArea(null, "UA-23"), body).orElseThrow());
    assertThat(dates(cut)).containsExactly("2025-08-16");
    assertThat(cut.path("text").asText())
        .isEqualTo("Truce Watch, oblast UA-23: figures revised for 2025-08-16.");
    JsonNode figures = cut.path("days").get(0).path("area_figures");
    assertThat(figures.path("oblast").isNull()).isTrue();
    assertThat(figures.at("/previous/oblast")).isEqualTo(zaporizhzhia);
    assertThat(
            MailAlerts.body(cut, Optional.empty()).lines().filter(l -> l.contains("Zaporizhzhia")))
        .containsExactly(
            "  in Zaporizhzhia Oblast   detections 0 (was 3), war-related (inference) 0 (was 2),"
                + " in the buffer 0 (was 1), incidents 0 (was 1), violations and probable"
                + " violations 0");
    // an oblast with nothing counted on either version: nothing to tell
    assertThat(Statement.in(new AlertArea(null, "UA-14"), body)).isEmpty();
  }

  @Test
  void anAddressNamesItsAreaAfterTheLastHash() {
    MailAlerts.Recipient named =
        MailAlerts.Recipient.of("Liaison <liaison@example.org>#oblast=UA-14");
    assertThat(named.address().getAddress()).isEqualTo("liaison@example.org");
    assertThat(named.area()).isEqualTo(new AlertArea(null, "UA-14"));
    assertThat(named.shown()).isEqualTo("liaison@example.org#oblast=UA-14");
    // a hash before the @ belongs to the address
    MailAlerts.Recipient hashed = MailAlerts.Recipient.of("desk#2@example.org");
    assertThat(hashed.address().getAddress()).isEqualTo("desk#2@example.org");
    assertThat(hashed.area()).isEqualTo(AlertArea.ALL);
    assertThat(MailAlerts.key(hashed))
        .isNotEqualTo(MailAlerts.key(MailAlerts.Recipient.of("desk#2@example.org#sector=east")));
    // the key of an address without an area is the one kept before areas were named
    assertThat(MailAlerts.key(MailAlerts.Recipient.of("Liaison <LIAISON@example.org>")))
        .isEqualTo(Store.sha256("email liaison@example.org"));
    assertThatThrownBy(() -> MailAlerts.Recipient.of("liaison@example.org#region=east"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a receiver of alerts may end with #sector=ID, #oblast=CODE or both, joined by &, was"
                + " liaison@example.org#region=east");
  }
}
