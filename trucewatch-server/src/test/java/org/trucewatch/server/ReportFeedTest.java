package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.run.DayRevision;
import org.trucewatch.store.Database;
import org.trucewatch.store.Store;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code /reports/feed.atom}: an Atom entry for each version of each report day's figures, newest
 * first, each leading to that day's report and stating that version's figures.
 */
class ReportFeedTest {
  @Test
  void theFeedHasAnEntryForEachVersionOfADaysFiguresNewestFirst(@TempDir Path tmp)
      throws Exception {
    MonitorRevisionsTest.SetClock clock = new MonitorRevisionsTest.SetClock();
    try (Store store = Store.open(Database.parse(tmp.resolve("db").toString()), clock)) {
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      m.useTerms(Fixture.TERMS);
      // one satellite's file of 14 August (UTC), then the other's: the days they share revised
      String first = Fixture.FILES.get(0);
      m.ingest(Fixture.FIRMS.resolve(first), first, "test", Store.IngestListener.NONE);
      clock.now = MonitorRevisionsTest.T2;
      String second = Fixture.FILES.get(1);
      m.ingest(Fixture.FIRMS.resolve(second), second, "test", Store.IngestListener.NONE);
      Map<LocalDate, List<DayRevision>> versions =
          store.dayRevisions(store.assessment().orElseThrow().termsId());

      try (Server server = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        String base = "http://127.0.0.1:" + server.port();
        HttpResponse<String> r = Fixture.get(base + "/reports/feed.atom");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElseThrow())
            .startsWith("application/atom+xml");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc =
            f.newDocumentBuilder()
                .parse(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)));
        Element feed = doc.getDocumentElement();
        assertThat(feed.getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(feed.getLocalName()).isEqualTo("feed");
        assertThat(child(feed, "title")).startsWith("Truce Watch daily reports: Demonstration");
        assertThat(child(feed, "updated")).isEqualTo(MonitorRevisionsTest.T2.toString());

        NodeList entries = feed.getElementsByTagNameNS(ReportFeed.ATOM, "entry");
        int total = versions.values().stream().mapToInt(List::size).sum();
        assertThat(entries.getLength()).isEqualTo(total).isGreaterThan(versions.size());
        List<String> ids = new ArrayList<>();
        Instant before = Instant.MAX;
        int revised = 0;
        for (int k = 0; k < entries.getLength(); k++) {
          Element e = (Element) entries.item(k);
          ids.add(child(e, "id"));
          Instant updated = Instant.parse(child(e, "updated"));
          assertThat(updated).isBeforeOrEqualTo(before);
          before = updated;
          String href = link(e, "alternate");
          LocalDate day =
              LocalDate.parse(href.replaceAll(".*/(\\d{4}-\\d{2}-\\d{2})\\.html", "$1"));
          List<DayRevision> v = versions.get(day);
          int number = updated.equals(MonitorRevisionsTest.T1) ? 1 : v.size();
          DayRevision stated = v.get(number - 1);
          assertThat(stated.stated()).isEqualTo(updated);
          String summary = child(e, "summary");
          assertThat(summary)
              .contains(
                  "version "
                      + number
                      + ", stated "
                      + updated.toString().substring(0, 16).replace('T', ' ')
                      + " UTC by method ")
              .contains(
                  String.format(
                      java.util.Locale.ROOT,
                      ": %,d thermal anomalies, %,d war-related",
                      stated.detections(),
                      stated.warRelated()));
          if (number == 2) {
            revised++;
            assertThat(child(e, "title")).endsWith(": figures revised (version 2)");
            assertThat(summary)
                .contains(
                    String.format(
                        java.util.Locale.ROOT,
                        "Version 1 (2025-08-15 06:00 UTC): %,d thermal anomalies",
                        v.get(0).detections()));
          } else {
            assertThat(child(e, "title")).endsWith(": figures stated");
          }
          // the entry leads to that day's report on this server
          assertThat(Fixture.get(base + href).statusCode()).isEqualTo(200);
        }
        assertThat(revised).isPositive();
        assertThat(ids).doesNotHaveDuplicates();
        // the map's page lets a browser find the feed, and its reader follow a link to it
        String page = Fixture.get(base + "/").body();
        assertThat(page)
            .contains(
                "<link rel=\"alternate\" href=\"/reports/feed.atom\""
                    + " type=\"application/atom+xml\"")
            .contains("<a id=\"feed\" href=\"/reports/feed.atom\"");
      }
    }
  }

  @Test
  void aFeedWithoutAnyVersionIsDatedByItsAssessment() throws Exception {
    Instant made = Instant.parse("2025-08-15T06:00:00Z");
    String xml =
        ReportFeed.atom(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(
                    "{\"method_version\": \"tw-fire-6\", \"truce\": {\"name\": \"T\"},"
                        + " \"days\": [{\"date\": \"2025-08-15\", \"phase\": \"truce\"}]}"),
            made);
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    Element feed =
        f.newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
            .getDocumentElement();
    assertThat(child(feed, "updated")).isEqualTo(made.toString());
    assertThat(feed.getElementsByTagNameNS(ReportFeed.ATOM, "entry").getLength()).isZero();
  }

  private static String child(Element e, String name) {
    NodeList n = e.getElementsByTagNameNS(ReportFeed.ATOM, name);
    assertThat(n.getLength()).as(name).isPositive();
    return n.item(0).getTextContent();
  }

  private static String link(Element e, String rel) {
    NodeList links = e.getElementsByTagNameNS(ReportFeed.ATOM, "link");
    for (int k = 0; k < links.getLength(); k++) {
      Element l = (Element) links.item(k);
      if (l.getAttribute("rel").equals(rel)) {
        return l.getAttribute("href");
      }
    }
    throw new AssertionError("no link " + rel);
  }
}
