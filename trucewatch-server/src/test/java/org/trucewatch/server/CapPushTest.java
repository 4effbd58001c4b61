package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Rows;
import org.trucewatch.store.Store;
import org.w3c.dom.Document;

/**
 * CAP messages pushed to a hub, received by a real HTTP server: each assessment posts the messages
 * it issues, and only those, each a CAP 1.2 message as the feed serves it, signed when the server
 * signs; the push follows the store's log, so that it goes on where it stopped and gives a hub what
 * another process issued.
 */
class CapPushTest {
  /** What the hub got from the {@code from}th on, each checked as a CAP message, in order. */
  private static List<String> messages(WebhooksTest.Receiver hub, int from) throws Exception {
    List<String> out = new ArrayList<>();
    for (WebhooksTest.Received r : new ArrayList<>(hub.got).subList(from, hub.got.size())) {
      assertThat(r.headers().get("type")).isEqualTo("application/cap+xml; charset=utf-8");
      assertThat(r.headers().get("event")).isEqualTo(CapPush.CAP_EVENT);
      String xml = new String(r.body(), StandardCharsets.UTF_8);
      CapTest.validate(xml);
      assertThat(r.headers().get("delivery"))
          .isEqualTo(CapTest.texts(CapTest.parse(xml), "identifier").get(0));
      out.add(xml);
    }
    return out;
  }

  private static List<String> all(List<String> xml, String element) throws Exception {
    List<String> out = new ArrayList<>();
    for (String x : xml) {
      out.add(CapTest.texts(CapTest.parse(x), element).get(0));
    }
    return out;
  }

  /**
   * The camera's reports (an explosion in the buffer: a probable violation; gunfire that two
   * sources report there: a violation), the observer's of the same explosion, and the terms whose
   * clause they break.
   */
  record Reports(Path terms, Path camera, Path observer) {
    static Reports in(Path tmp) throws Exception {
      Path camera = tmp.resolve("camera.csv");
      Files.writeString(
          camera, Fixture.REPORTS + Fixture.EXPLOSION + Fixture.GUNFIRE, StandardCharsets.UTF_8);
      Path observer = tmp.resolve("observer.csv");
      Files.writeString(
          observer, Fixture.REPORTS + Fixture.EXPLOSION_OBSERVED, StandardCharsets.UTF_8);
      return new Reports(
          SurveillanceReportsServerTest.termsWithReportClause(tmp), camera, observer);
    }

    /**
     * As {@link #in}, under terms with two monitoring sectors: the camera's explosion lies in
     * Sector North, its gunfire in Sector South; both in Donetsk oblast (UA-14).
     */
    static Reports inSectors(Path tmp) throws Exception {
      Reports r = in(tmp);
      Files.writeString(
          r.terms(),
          Files.readString(r.terms(), StandardCharsets.UTF_8) + CapServerTest.SECTORS,
          StandardCharsets.UTF_8);
      return r;
    }
  }

  /**
   * A monitor over {@code store} that tells {@code push}, under the reports' terms, once it has
   * taken in the camera's file and the push has given its messages.
   */
  static Monitor cameraTakenIn(Store store, Alerts<?> push, Reports r) throws Exception {
    Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
    m.listen(push);
    m.useTerms(r.terms());
    m.ingest(r.camera(), "camera.csv", "test", Store.IngestListener.NONE);
    assertThat(push.awaitIdle(WebhooksTest.WAIT)).isTrue();
    return m;
  }

  @Test
  void eachAssessmentPushesTheMessagesItIssuesAndOnlyThose(@TempDir Path tmp) throws Exception {
    Reports r = Reports.in(tmp);
    CapSigner signer =
        CapSignerTest.signer(
            Files.createDirectory(tmp.resolve("keys")), "-keyalg", "EC", "-groupname", "secp256r1");
    try (Store store = Store.open(tmp.resolve("db").toString());
        WebhooksTest.Receiver hub = new WebhooksTest.Receiver();
        CapPush push =
            new CapPush(
                new CapPush.Settings(
                    List.of(hub.url()),
                    Optional.of(URI.create("https://truce.example/")),
                    false,
                    signer,
                    List.of(java.time.Duration.ofMillis(20))),
                store)) {
      Monitor m = cameraTakenIn(store, push, r);
      List<String> first = messages(hub, 0);
      assertThat(all(first, "msgType")).containsExactly("Alert", "Alert");
      assertThat(all(first, "web")).allMatch(w -> w.startsWith("https://truce.example/api/v1/"));
      for (String x : first) {
        assertThat(CapSignerTest.signatureHolds(x, signer)).isTrue();
      }

      // a file that changes none of them pushes nothing
      String fire = Fixture.FILES.get(0);
      m.ingest(Fixture.FIRMS.resolve(fire), fire, "test", Store.IngestListener.NONE);
      assertThat(push.awaitIdle(WebhooksTest.WAIT)).isTrue();
      assertThat(hub.got).hasSize(2);

      // the observer corroborates the camera: one Update, referencing the camera's Alert
      m.ingest(r.observer(), "observer.csv", "test", Store.IngestListener.NONE);
      assertThat(push.awaitIdle(WebhooksTest.WAIT)).isTrue();
      List<String> update = messages(hub, 2);
      assertThat(all(update, "msgType")).containsExactly("Update");
      String cameraAlert = null;
      for (String x : first) {
        Document d = CapTest.parse(x);
        if (CapTest.pair(d, "parameter", "verdict").equals("probable-violation")) {
          cameraAlert = CapTest.texts(d, "identifier").get(0);
        }
      }
      assertThat(cameraAlert).isNotNull();
      assertThat(all(update, "references").get(0)).contains("," + cameraAlert + ",");

      // terms without the clause on reports: a Cancel of each
      m.useTerms(CapServerTest.termsWithoutReportClause(tmp));
      assertThat(push.awaitIdle(WebhooksTest.WAIT)).isTrue();
      assertThat(all(messages(hub, 3), "msgType")).containsExactly("Cancel", "Cancel");
      assertThat(push.delivered()).isEqualTo(5);
    }
  }

  private static CapPush push(Store store, URI hub, java.time.Duration poll) {
    return new CapPush(
        new CapPush.Settings(
            List.of(hub),
            Optional.empty(),
            false,
            null,
            List.of(java.time.Duration.ofMillis(20)),
            poll),
        store);
  }

  @Test
  void aPushGoesOnWhereItStoppedAndGivesTheHubWhatAnotherProcessIssued(@TempDir Path tmp)
      throws Exception {
    Reports r = Reports.in(tmp);
    java.time.Duration poll = java.time.Duration.ofMillis(50);
    try (Store store = Store.open(tmp.resolve("db").toString());
        WebhooksTest.Receiver hub = new WebhooksTest.Receiver()) {
      // the hub is pushed to once, then the server stops
      push(store, hub.url(), poll).close();
      // meanwhile, what no push hears of (an ingest, say): the camera's two Alerts, then the
      // observer's Update of one of them
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      m.useTerms(r.terms());
      m.ingest(r.camera(), "camera.csv", "test", Store.IngestListener.NONE);
      m.ingest(r.observer(), "observer.csv", "test", Store.IngestListener.NONE);
      assertThat(store.alertLogEnd()).isEqualTo(3);
      assertThat(hub.got).isEmpty();

      try (CapPush again = push(store, hub.url(), poll)) {
        assertThat(again.awaitIdle(WebhooksTest.WAIT)).isTrue();
        // the Alert the Update replaced is passed over: the hub gets the Alert that stands, then
        // the Update, which references the one it never got
        List<String> got = messages(hub, 0);
        assertThat(all(got, "msgType")).containsExactly("Alert", "Update");
        List<Rows.AlertMessage> log = new ArrayList<>();
        store.alertMessagesAfter(0, 10).forEach(l -> log.add(l.message()));
        Rows.AlertMessage update = log.get(2);
        String replaced = update.references().get(0).identifier();
        String stands =
            log.get(0).identifier().equals(replaced)
                ? log.get(1).identifier()
                : log.get(0).identifier();
        assertThat(all(got, "identifier"))
            .containsExactly(stands, update.identifier())
            .doesNotContain(replaced);
        assertThat(CapTest.texts(CapTest.parse(got.get(1)), "references").get(0))
            .contains("," + replaced + ",");

        // another process withdraws both: the push reads the log by itself and gives the Cancels
        m.useTerms(CapServerTest.termsWithoutReportClause(tmp));
        assertThat(again.awaitIdle(WebhooksTest.WAIT)).isTrue();
        assertThat(all(messages(hub, 2), "msgType")).containsExactly("Cancel", "Cancel");
      }
      // pushed again after a restart: nothing is given twice
      try (CapPush third = push(store, hub.url(), poll)) {
        assertThat(third.awaitIdle(WebhooksTest.WAIT)).isTrue();
        Thread.sleep(3 * poll.toMillis());
        assertThat(hub.got).hasSize(4);
        assertThat(third.pending()).isZero();
      }
    }
  }

  @Test
  void healthTellsWhereEachReceiverStandsAndWarnsOfOneThatFails(@TempDir Path tmp)
      throws Exception {
    Reports r = Reports.in(tmp);
    Integer[] down = new Integer[10_000];
    java.util.Arrays.fill(down, 503);
    try (Store store = Store.open(tmp.resolve("db").toString());
        WebhooksTest.Receiver hub = new WebhooksTest.Receiver(down);
        WebhooksTest.Receiver hook = new WebhooksTest.Receiver(down);
        CapPush push = push(store, URI.create(hub.url() + "?key=s3cret"), Alerts.POLL);
        Webhooks hooks =
            new Webhooks(
                new Webhooks.Settings(
                    List.of(URI.create(hook.url() + "?token=s3cret")),
                    Optional.empty(),
                    List.of(java.time.Duration.ofMillis(20))),
                store)) {
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      m.listen(push);
      m.listen(hooks);
      m.useTerms(r.terms());
      m.ingest(r.camera(), "camera.csv", "test", Store.IngestListener.NONE);
      long end = System.nanoTime() + WebhooksTest.WAIT.toNanos();
      while ((hub.calls.get() < 3 || hook.calls.get() < 3) && System.nanoTime() < end) {
        Thread.sleep(10);
      }
      try (Server s = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        JsonNode health = ApiContract.json(Fixture.get("http://127.0.0.1:" + s.port() + "/health"));
        JsonNode h = health.at("/alerts/0");
        // the hub's URL without its key, still on the first message, both behind
        assertThat(h.path("channel").asText()).isEqualTo("cap");
        assertThat(h.path("receiver").asText()).isEqualTo(hub.url().toString());
        assertThat(h.path("place").asLong()).isZero();
        assertThat(h.path("behind").asLong()).isEqualTo(2);
        assertThat(h.path("problem").asText()).isEqualTo("HTTP 503");
        // the webhook's, on the one statement of the days' figures
        JsonNode w = health.at("/alerts/1");
        assertThat(w.path("channel").asText()).isEqualTo("webhook");
        assertThat(w.path("receiver").asText()).isEqualTo(hook.url().toString());
        assertThat(w.path("behind").asLong()).isEqualTo(1);
        assertThat(w.path("problem").asText()).isEqualTo("HTTP 503");
        assertThat(health.at("/warnings/0").asText())
            .startsWith("CAP messages to " + hub.url() + " failing since ")
            .endsWith(": HTTP 503");
        assertThat(health.at("/warnings/1").asText())
            .startsWith("Webhook alerts to " + hook.url() + " failing since ")
            .endsWith(": HTTP 503");
        assertThat(health.toString()).doesNotContain("s3cret");
      }
      assertThat(push.pending()).isEqualTo(2);
      assertThat(hooks.pending()).isEqualTo(1);
    }
  }

  @Test
  @org.junit.jupiter.api.DisplayName(
      "on a shared PostgreSQL store two servers give a hub, once between them, what another"
          + " process issued (skipped outside CI when no server answers at TRUCEWATCH_TEST_PG)")
  void onASharedPostgresqlStoreThePushGivesWhatAnotherProcessIssued(@TempDir Path tmp)
      throws Exception {
    Reports r = Reports.in(tmp);
    String schema = org.trucewatch.store.TestDatabases.freshSchema();
    String url = org.trucewatch.store.TestDatabases.urlFor(schema);
    try (Store served = Store.open(url);
        Store servedToo = Store.open(url);
        Store ingested = Store.open(url);
        WebhooksTest.Receiver hub = new WebhooksTest.Receiver();
        CapPush push = push(served, hub.url(), java.time.Duration.ofMillis(100));
        CapPush pushToo = push(servedToo, hub.url(), java.time.Duration.ofMillis(100))) {
      // a scheduled ingest: its own pool on the same database, and no push listening
      Monitor other = new Monitor(ingested, Fixture.regions(), Fixture.classifier());
      other.useTerms(r.terms());
      other.ingest(r.camera(), "camera.csv", "test", Store.IngestListener.NONE);
      long end = System.nanoTime() + WebhooksTest.WAIT.toNanos();
      while (hub.got.size() < 2 && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      Thread.sleep(500); // time for a second copy from the other server, were one to come
      assertThat(all(messages(hub, 0), "msgType")).containsExactly("Alert", "Alert");
      assertThat(push.awaitIdle(WebhooksTest.WAIT)).isTrue();
      assertThat(pushToo.awaitIdle(WebhooksTest.WAIT)).isTrue();
      assertThat(served.alertPlace(Store.sha256(hub.url().toString()))).contains(2L);
      // one of the two servers gives the hub its messages, the other waits
      assertThat(java.util.stream.Stream.of(push, pushToo).map(p -> p.status().get(0).following()))
          .containsExactlyInAnyOrder(true, false);
      assertThat(push.delivered() + pushToo.delivered()).isEqualTo(2);
    } finally {
      org.trucewatch.store.TestDatabases.drop(schema);
    }
  }

  @Test
  void aHubWhoseUrlNamesASectorOrOblastIsGivenOnlyThatAreasMessages(@TempDir Path tmp)
      throws Exception {
    Reports r = Reports.inSectors(tmp);
    try (Store store = Store.open(tmp.resolve("db").toString());
        WebhooksTest.Receiver north = new WebhooksTest.Receiver();
        WebhooksTest.Receiver south = new WebhooksTest.Receiver();
        WebhooksTest.Receiver donetsk = new WebhooksTest.Receiver();
        WebhooksTest.Receiver kyiv = new WebhooksTest.Receiver();
        CapPush push =
            new CapPush(
                new CapPush.Settings(
                    List.of(
                        URI.create(north.url() + "#sector=north"),
                        URI.create(south.url() + "?key=s3cret#sector=south"),
                        URI.create(donetsk.url() + "#oblast=UA-14"),
                        URI.create(kyiv.url() + "#sector=south&oblast=UA-32")),
                    Optional.empty(),
                    false,
                    null,
                    List.of(java.time.Duration.ofMillis(20))),
                store)) {
      cameraTakenIn(store, push, r);
      List<String> inNorth = messages(north, 0);
      List<String> inSouth = messages(south, 0);
      assertThat(inNorth).hasSize(1);
      assertThat(CapTest.pair(CapTest.parse(inNorth.get(0)), "parameter", "verdict"))
          .isEqualTo("probable-violation");
      assertThat(CapTest.pair(CapTest.parse(inNorth.get(0)), "parameter", "sector_id"))
          .isEqualTo("north");
      assertThat(inSouth).hasSize(1);
      assertThat(CapTest.pair(CapTest.parse(inSouth.get(0)), "parameter", "verdict"))
          .isEqualTo("violation");
      assertThat(CapTest.pair(CapTest.parse(inSouth.get(0)), "parameter", "sector_id"))
          .isEqualTo("south");
      assertThat(all(messages(donetsk, 0), "identifier"))
          .containsExactlyInAnyOrderElementsOf(
              List.of(
                  CapTest.texts(CapTest.parse(inNorth.get(0)), "identifier").get(0),
                  CapTest.texts(CapTest.parse(inSouth.get(0)), "identifier").get(0)));
      assertThat(kyiv.got).isEmpty();
      // each hub's place: the end of the log, what it was given or not; shown with its area
      assertThat(push.status())
          .extracting(Alerts.Status::receiver, Alerts.Status::behind)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(north.url() + "#sector=north", 0L),
              org.assertj.core.groups.Tuple.tuple(south.url() + "#sector=south", 0L),
              org.assertj.core.groups.Tuple.tuple(donetsk.url() + "#oblast=UA-14", 0L),
              org.assertj.core.groups.Tuple.tuple(kyiv.url() + "#sector=south&oblast=UA-32", 0L));
    }
    for (String bad : List.of("#region=north", "#sector=", "#sector")) {
      URI url = URI.create("https://hub.example/cap" + bad);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> AlertArea.of(url))
          .hasMessage(
              "a receiver of alerts may end with #sector=ID, #oblast=CODE or both, joined by &, was "
                  + url);
    }
  }

  @Test
  void aHubPushedToForTheFirstTimeStartsAtTheEndOfTheLog(@TempDir Path tmp) throws Exception {
    Reports r = Reports.in(tmp);
    try (Store store = Store.open(tmp.resolve("db").toString());
        WebhooksTest.Receiver old = new WebhooksTest.Receiver();
        WebhooksTest.Receiver added = new WebhooksTest.Receiver();
        CapPush first = push(store, old.url(), Alerts.POLL)) {
      Monitor m = cameraTakenIn(store, first, r);
      assertThat(old.got).hasSize(2);
      try (CapPush second = push(store, added.url(), Alerts.POLL)) {
        m.listen(second);
        assertThat(second.awaitIdle(WebhooksTest.WAIT)).isTrue();
        assertThat(added.got).isEmpty();
        m.ingest(r.observer(), "observer.csv", "test", Store.IngestListener.NONE);
        assertThat(second.awaitIdle(WebhooksTest.WAIT)).isTrue();
        assertThat(all(messages(added, 0), "msgType")).containsExactly("Update");
      }
    }
  }

  @Test
  void aHubThatFailsGetsEachMessageInOrderAndOneItRefusesIsPassedOver(@TempDir Path tmp)
      throws Exception {
    Reports r = Reports.in(tmp);
    // down for five attempts (more than there are retry delays), then it takes the first message,
    // refuses the next twice, and takes everything after
    try (Store store = Store.open(tmp.resolve("db").toString());
        WebhooksTest.Receiver hub =
            new WebhooksTest.Receiver(503, 503, 502, 503, 503, 200, 400, 400);
        CapPush push = push(store, hub.url(), Alerts.POLL)) {
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      m.listen(push);
      m.useTerms(r.terms());
      m.ingest(r.camera(), "camera.csv", "test", Store.IngestListener.NONE);
      m.ingest(r.observer(), "observer.csv", "test", Store.IngestListener.NONE);
      assertThat(push.awaitIdle(WebhooksTest.WAIT)).isTrue();
      List<String> tried = all(messages(hub, 0), "identifier");
      List<String> issued = new ArrayList<>();
      store.alertMessagesAfter(0, 10).forEach(l -> issued.add(l.message().identifier()));
      // the first Alert six times until taken, the second twice refused and passed over, the
      // Update once
      List<String> expected = new ArrayList<>();
      for (int k = 0; k < 6; k++) {
        expected.add(issued.get(0));
      }
      expected.addAll(List.of(issued.get(1), issued.get(1), issued.get(2)));
      assertThat(tried).containsExactlyElementsOf(expected);
      assertThat(push.delivered()).isEqualTo(2);
      assertThat(push.failed()).isEqualTo(1);
      assertThat(push.attempts()).isEqualTo(9);
    }
  }
}
