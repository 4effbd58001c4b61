package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.run.DayRevision;
import org.trucewatch.run.MethodVersion;
import org.trucewatch.store.Rows;
import org.trucewatch.store.Store;

/**
 * Alerts by webhook, received by a real HTTP server: each assessment that states a day's figures
 * anew posts one alert naming those days, signed, from the store's log of statements; a receiver
 * that fails is tried again until it takes the alert, also after a restart.
 */
class WebhooksTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration WAIT = Duration.ofSeconds(30);

  /** One request as the receiver got it. */
  record Received(Map<String, String> headers, byte[] body) {
    JsonNode json() throws Exception {
      return JSON.readTree(body);
    }
  }

  /** A webhook receiver that answers each request with the next status of a list (then 200). */
  static final class Receiver implements AutoCloseable {
    final List<Received> got = Collections.synchronizedList(new ArrayList<>());
    final Javalin app;
    final List<Integer> statuses;
    final AtomicInteger calls = new AtomicInteger();

    Receiver(Integer... statuses) {
      this(0, List.of(statuses));
    }

    /** A receiver on {@code port} that takes every request. */
    static Receiver at(int port) {
      return new Receiver(port, List.of());
    }

    private Receiver(int port, List<Integer> statuses) {
      this.statuses = statuses;
      app =
          Javalin.create(
                  c ->
                      c.routes.post(
                          "/hook",
                          ctx -> {
                            int n = calls.getAndIncrement();
                            got.add(
                                new Received(
                                    Map.of(
                                        "event", ctx.header("X-TruceWatch-Event"),
                                        "delivery", ctx.header("X-TruceWatch-Delivery"),
                                        "signature",
                                            Optional.ofNullable(
                                                    ctx.header("X-TruceWatch-Signature"))
                                                .orElse(""),
                                        "type", ctx.header("Content-Type"),
                                        "agent", ctx.header("User-Agent"),
                                        "upgrade",
                                            Optional.ofNullable(ctx.header("Upgrade")).orElse("")),
                                    ctx.bodyAsBytes()));
                            ctx.status(n < this.statuses.size() ? this.statuses.get(n) : 200);
                          }))
              .start("127.0.0.1", port);
    }

    URI url() {
      return URI.create("http://127.0.0.1:" + app.port() + "/hook");
    }

    @Override
    public void close() {
      app.stop();
    }
  }

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T opened(T c) {
    open.add(0, c);
    return c;
  }

  private static Set<String> texts(JsonNode array) {
    Set<String> out = new TreeSet<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void eachIngestThatStatesDaysAnewPostsOneSignedAlertNamingExactlyThoseDays(@TempDir Path tmp)
      throws Exception {
    Receiver receiver = opened(new Receiver());
    Store store = opened(Store.open(tmp.resolve("db").toString()));
    Monitor monitor = new Monitor(store, Fixture.regions(), Fixture.classifier());
    Webhooks hooks =
        opened(
            new Webhooks(
                new Webhooks.Settings(List.of(receiver.url()), Optional.of("a shared key")),
                store));
    monitor.listen(hooks);
    monitor.useTerms(Fixture.TERMS); // no observation yet: nothing assessed, nothing sent
    Server server = opened(Server.start(monitor, new Server.Options("127.0.0.1", 0, "", "")));
    String base = "http://127.0.0.1:" + server.port();
    String token = store.createToken("test-ingest");
    assertThat(hooks.awaitIdle(WAIT)).isTrue();
    assertThat(receiver.got).isEmpty();

    // one satellite's file of 14 August: every day it covers is stated for the first time
    String first = Fixture.FILES.get(0);
    JsonNode one = ingest(base, token, first);
    assertThat(hooks.awaitIdle(WAIT)).isTrue();
    assertThat(receiver.got).hasSize(1);
    Received a = receiver.got.get(0);
    assertThat(a.headers().get("event")).isEqualTo("day-figures-stated");
    assertThat(a.headers().get("type")).startsWith("application/json");
    assertThat(a.headers().get("agent")).isEqualTo("TruceWatch (" + MethodVersion.CURRENT + ")");
    // plain HTTP/1.1, no offer to upgrade that a receiver might refuse
    assertThat(a.headers().get("upgrade")).isEmpty();
    assertThat(a.headers().get("signature"))
        .isEqualTo("sha256=" + Webhooks.sign("a shared key", a.body()))
        .isNotEqualTo("sha256=" + Webhooks.sign("another key", a.body()));
    // what the store's log of statements keeps
    assertThat(store.statementsAfter(0, 10))
        .singleElement()
        .satisfies(
            st -> assertThat(st.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(a.body()));
    JsonNode alert = a.json();
    assertThat(alert.path("event").asText()).isEqualTo("day-figures-stated");
    assertThat(alert.path("method_version").asText()).isEqualTo(MethodVersion.CURRENT);
    assertThat(alert.path("terms").asText()).isEqualTo("demo-truce.yaml");
    assertThat(alert.path("last_ingest_id").asLong()).isEqualTo(store.lastIngestId());
    Set<String> firstDays = texts(one.path("days_first_stated"));
    assertThat(firstDays).isNotEmpty();
    assertThat(days(alert)).isEqualTo(firstDays);
    long termsId = store.assessment().orElseThrow().termsId();
    for (JsonNode d : alert.path("days")) {
      LocalDate day = LocalDate.parse(d.path("date").asText());
      assertThat(d.path("change").asText()).isEqualTo("first-stated");
      assertThat(d.path("version").asInt()).isEqualTo(1);
      assertThat(d.path("previous").isNull()).isTrue();
      matches(d.path("figures"), store.dayRevisions(termsId).get(day).get(0));
      // the links lead to the day's report on this server
      HttpResponse<String> page = Fixture.get(base + d.at("/links/html").asText());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(Fixture.get(base + d.at("/links/json").asText()).statusCode()).isEqualTo(200);
    }
    assertThat(alert.path("text").asText())
        .startsWith("Truce Watch: figures stated for the first time for ")
        .doesNotContain("revised");

    // the other satellite's file of the same day revises the days they share
    String second = Fixture.FILES.get(1);
    JsonNode two = ingest(base, token, second);
    assertThat(hooks.awaitIdle(WAIT)).isTrue();
    assertThat(receiver.got).hasSize(2);
    JsonNode alert2 = receiver.got.get(1).json();
    Set<String> revised = texts(two.path("days_revised"));
    assertThat(revised).isNotEmpty();
    Set<String> named = new TreeSet<>(revised);
    named.addAll(texts(two.path("days_first_stated")));
    assertThat(days(alert2)).isEqualTo(named);
    for (JsonNode d : alert2.path("days")) {
      LocalDate day = LocalDate.parse(d.path("date").asText());
      List<DayRevision> versions = store.dayRevisions(termsId).get(day);
      assertThat(d.path("version").asInt()).isEqualTo(versions.size());
      matches(d.path("figures"), versions.get(versions.size() - 1));
      if (revised.contains(day.toString())) {
        assertThat(d.path("change").asText()).isEqualTo("revised");
        matches(d.path("previous"), versions.get(versions.size() - 2));
        assertThat(d.at("/figures/detections").asInt())
            .isGreaterThan(d.at("/previous/detections").asInt());
      } else {
        assertThat(d.path("change").asText()).isEqualTo("first-stated");
      }
    }
    assertThat(alert2.path("text").asText()).contains("figures revised for ");
    assertThat(receiver.got.get(1).headers().get("delivery"))
        .isNotEqualTo(receiver.got.get(0).headers().get("delivery"));

    // the same file again, and an assessment of the same data, state nothing anew: no alert
    ingest(base, token, second);
    monitor.refresh();
    assertThat(hooks.awaitIdle(WAIT)).isTrue();
    assertThat(receiver.got).hasSize(2);
    assertThat(hooks.delivered()).isEqualTo(2);
    assertThat(hooks.failed()).isZero();

    // the log of statements, for a reader that takes no alerts: each as the receiver got it
    JsonNode log = JSON.readTree(Fixture.get(base + "/api/v1/statements").body());
    assertThat(log.path("matched").asLong()).isEqualTo(2);
    assertThat(log.path("items")).hasSize(2);
    for (int k = 0; k < 2; k++) {
      JsonNode item = log.path("items").get(k);
      assertThat(item.path("seq").asLong()).isEqualTo(k + 1);
      assertThat(item.path("statement")).isEqualTo(receiver.got.get(k).json());
      assertThat(item.path("delivery").asText())
          .isEqualTo(receiver.got.get(k).headers().get("delivery"));
      assertThat(item.path("stated").asText()).isEqualTo(item.at("/statement/stated").asText());
    }
    JsonNode after = JSON.readTree(Fixture.get(base + "/api/v1/statements?after=1").body());
    assertThat(after.path("items"))
        .singleElement()
        .satisfies(i -> assertThat(i.path("seq").asLong()).isEqualTo(2));
    JsonNode paged = JSON.readTree(Fixture.get(base + "/api/v1/statements?limit=1").body());
    assertThat(paged.path("next").asText()).contains("offset=1");
    assertThat(
            JSON.readTree(
                    Fixture.get(
                            base + "/api/v1/statements?since=" + log.at("/items/1/stated").asText())
                        .body())
                .path("matched")
                .asLong())
        .isEqualTo(1);
    HttpResponse<String> bad = Fixture.get(base + "/api/v1/statements?after=x");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).path("message").asText())
        .isEqualTo("after must be a whole number >= 0, was x");

    // the server counts them for its operators
    String metrics = Fixture.get(base + "/metrics").body();
    assertThat(metrics)
        .contains("trucewatch_alerts_delivered_total{channel=\"webhook\"} 2.0")
        .contains("trucewatch_alerts_failed_total{channel=\"webhook\"} 0.0")
        .contains("trucewatch_alerts_pending{channel=\"webhook\"} 0.0");
  }

  @Test
  void aReceiverThatFailsIsTriedAgainWithTheSameAlertUntilItTakesIt(@TempDir Path tmp)
      throws Exception {
    Receiver receiver = opened(new Receiver(503, 500));
    Store store = opened(Store.open(tmp.resolve("db").toString()));
    Webhooks hooks = opened(new Webhooks(settings(receiver.url(), 2), store));
    Fixture.stated(store, stated(Instant.parse("2025-08-15T06:00:00Z"), 120));
    assertThat(hooks.awaitIdle(WAIT)).isTrue();
    assertThat(receiver.got).hasSize(3);
    assertThat(receiver.got)
        .extracting(r -> new String(r.body(), StandardCharsets.UTF_8))
        .containsOnly(store.statementsAfter(0, 1).get(0).body());
    assertThat(receiver.got)
        .extracting(r -> r.headers().get("delivery"))
        .containsOnly(receiver.got.get(0).headers().get("delivery"));
    // no secret, no signature
    assertThat(receiver.got.get(0).headers().get("signature")).isEmpty();
    assertThat(hooks.delivered()).isEqualTo(1);
    assertThat(hooks.attempts()).isEqualTo(3);
    assertThat(hooks.failed()).isZero();
  }

  @Test
  void aReceiverDownLongerThanTheRetriesGetsEveryAlertInOrderAndOneItRefusesIsPassedOver(
      @TempDir Path tmp) throws Exception {
    // one retry delay: down for three attempts, then takes the first alert; refuses the second
    // twice (passed over: once more than there are delays); takes the third
    Receiver receiver = opened(new Receiver(500, 502, 503, 200, 400, 404));
    Store store = opened(Store.open(tmp.resolve("db").toString()));
    Webhooks hooks = opened(new Webhooks(settings(receiver.url(), 1), store));
    for (int k = 0; k < 3; k++) {
      Fixture.stated(
          store, stated(Instant.parse("2025-08-15T06:00:00Z").plusSeconds(3600L * k), 120 + k));
    }
    assertThat(hooks.awaitIdle(WAIT)).isTrue();
    assertThat(receiver.got)
        .extracting(r -> r.json().path("stated").asText())
        .containsExactly(
            "2025-08-15T06:00:00Z",
            "2025-08-15T06:00:00Z",
            "2025-08-15T06:00:00Z",
            "2025-08-15T06:00:00Z",
            "2025-08-15T07:00:00Z",
            "2025-08-15T07:00:00Z",
            "2025-08-15T08:00:00Z");
    assertThat(hooks.delivered()).isEqualTo(2);
    assertThat(hooks.failed()).isEqualTo(1);
    assertThat(hooks.attempts()).isEqualTo(7);
    assertThat(hooks.status())
        .singleElement()
        .satisfies(
            st -> {
              assertThat(st.channel()).isEqualTo("webhook");
              assertThat(st.place()).isEqualTo(3);
              assertThat(st.behind()).isZero();
              assertThat(st.failingSince()).isNull();
            });
  }

  @Test
  void aRestartGivesTheAlertsNotYetTakenAndThoseWrittenWhileStopped(@TempDir Path tmp)
      throws Exception {
    Store store = opened(Store.open(tmp.resolve("db").toString()));
    // the receiver is not there: the first alert is tried, and the next attempt is a minute away
    Receiver gone = new Receiver();
    URI url = gone.url();
    gone.close();
    Webhooks.Settings slow =
        new Webhooks.Settings(
            List.of(url), Optional.of("k"), List.of(Duration.ofMinutes(1)), Duration.ofMillis(50));
    Webhooks first = new Webhooks(slow, store);
    Fixture.stated(store, stated(Instant.parse("2025-08-15T06:00:00Z"), 120));
    Fixture.stated(store, stated(Instant.parse("2025-08-15T09:00:00Z"), 150));
    while (first.attempts() == 0) {
      Thread.sleep(10);
    }
    assertThat(first.pending()).isEqualTo(2);
    assertThat(first.status().get(0).problem()).contains("ConnectException");
    assertThat(first.status().get(0).failingSince()).isNotNull();
    first.close();
    // the store keeps the place: both still to give
    assertThat(first.pending()).isEqualTo(2);
    assertThat(first.delivered()).isZero();
    // while stopped, another process states a third
    Fixture.stated(store, stated(Instant.parse("2025-08-15T12:00:00Z"), 170));

    // the receiver is back at the same address; the next start gives all three, in order, once
    Receiver back = opened(Receiver.at(url.getPort()));
    Webhooks second = opened(new Webhooks(slow, store));
    assertThat(second.awaitIdle(WAIT)).isTrue();
    assertThat(back.got)
        .extracting(r -> r.json().path("stated").asText())
        .containsExactly("2025-08-15T06:00:00Z", "2025-08-15T09:00:00Z", "2025-08-15T12:00:00Z");
    assertThat(back.got)
        .allSatisfy(
            r ->
                assertThat(r.headers().get("signature"))
                    .isEqualTo("sha256=" + Webhooks.sign("k", r.body())));
    assertThat(store.alertPlaces())
        .extracting(Rows.AlertPlace::channel, Rows.AlertPlace::receiver, Rows.AlertPlace::seq)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("webhook", url.toString(), 3L));
    // a receiver given alerts for the first time starts at the end of the log
    Receiver late = opened(new Receiver());
    Webhooks third = opened(new Webhooks(settings(late.url(), 1), store));
    Fixture.stated(store, stated(Instant.parse("2025-08-15T15:00:00Z"), 180));
    third.stated(stated(Instant.parse("2025-08-15T15:00:00Z"), 180));
    assertThat(third.awaitIdle(WAIT)).isTrue();
    assertThat(late.got)
        .extracting(r -> r.json().path("stated").asText())
        .containsExactly("2025-08-15T15:00:00Z");
  }

  @Test
  void twoProcessesNamingOneReceiverGiveEachAlertOnceAndOneTakesOverWhenTheOtherStops(
      @TempDir Path tmp) throws Exception {
    Receiver receiver = opened(new Receiver());
    Store store = opened(Store.open(tmp.resolve("db").toString()));
    // two servers sharing a store, both told of the same URL
    Webhooks one = opened(new Webhooks(settings(receiver.url(), 1), store));
    Webhooks two = opened(new Webhooks(settings(receiver.url(), 1), store));
    for (int k = 0; k < 3; k++) {
      Fixture.stated(
          store, stated(Instant.parse("2025-08-15T06:00:00Z").plusSeconds(3600L * k), 120 + k));
    }
    long until = System.nanoTime() + WAIT.toNanos();
    while (receiver.got.size() < 3 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    Thread.sleep(300); // time for a second copy, were one to come
    assertThat(receiver.got)
        .extracting(r -> r.json().path("stated").asText())
        .containsExactly("2025-08-15T06:00:00Z", "2025-08-15T07:00:00Z", "2025-08-15T08:00:00Z");
    assertThat(one.delivered() + two.delivered()).isEqualTo(3);
    // one of them gives the receiver its alerts, the other says so and waits
    Webhooks giving = one.delivered() == 3 ? one : two;
    Webhooks waiting = giving == one ? two : one;
    assertThat(giving.status().get(0).following()).isTrue();
    assertThat(waiting.status().get(0).following()).isFalse();
    assertThat(waiting.status().get(0).place()).isEqualTo(3);
    assertThat(waiting.pending()).isZero();
    assertThat(store.alertPlaces().get(0).holder()).isNotNull();
    // the one that gives them stops: the other takes over at once and gives the next
    giving.close();
    Fixture.stated(store, stated(Instant.parse("2025-08-15T09:00:00Z"), 150));
    waiting.stated(stated(Instant.parse("2025-08-15T09:00:00Z"), 150));
    assertThat(waiting.awaitIdle(WAIT)).isTrue();
    until = System.nanoTime() + WAIT.toNanos();
    while (receiver.got.size() < 4 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(receiver.got).hasSize(4);
    assertThat(receiver.got.get(3).json().path("stated").asText())
        .isEqualTo("2025-08-15T09:00:00Z");
    assertThat(waiting.status().get(0).following()).isTrue();
  }

  @Test
  void aReceiverForgottenWhileFollowedStartsAgainAtTheEndOfTheLog(@TempDir Path tmp)
      throws Exception {
    Receiver receiver = opened(new Receiver());
    Store store = opened(Store.open(tmp.resolve("db").toString()));
    Webhooks hooks = opened(new Webhooks(settings(receiver.url(), 1), store));
    Fixture.stated(store, stated(Instant.parse("2025-08-15T06:00:00Z"), 120));
    assertThat(hooks.awaitIdle(WAIT)).isTrue();
    assertThat(receiver.got).hasSize(1);
    // an operator forgets its place while the server gives it alerts (alerts forget)
    String key = Webhooks.key(receiver.url());
    assertThat(store.forgetAlertPlace(key)).isTrue();
    long until = System.nanoTime() + WAIT.toNanos();
    while (store.alertPlace(key).isEmpty() && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    // placed again at the end of the log, and given what comes next
    assertThat(store.alertPlace(key)).contains(1L);
    Fixture.stated(store, stated(Instant.parse("2025-08-15T09:00:00Z"), 150));
    assertThat(hooks.awaitIdle(WAIT)).isTrue();
    until = System.nanoTime() + WAIT.toNanos();
    while (receiver.got.size() < 2 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(receiver.got)
        .extracting(r -> r.json().path("stated").asText())
        .containsExactly("2025-08-15T06:00:00Z", "2025-08-15T09:00:00Z");
  }

  @Test
  void closingWhileTheFollowersWriteToTheEmbeddedStoreLeavesTheStoreOpen(@TempDir Path tmp)
      throws Exception {
    Store store = opened(Store.open(tmp.resolve("db").toString()));
    Fixture.stated(store, stated(Instant.parse("2025-08-15T06:00:00Z"), 120));
    // receivers that are not there: each follower renews its hold in the store before each
    // attempt, every few milliseconds
    List<URI> gone = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      Receiver r = new Receiver();
      gone.add(r.url());
      r.close();
    }
    Webhooks.Settings busy =
        new Webhooks.Settings(
            gone, Optional.empty(), List.of(Duration.ofMillis(1)), Duration.ofMillis(5));
    for (int round = 0; round < 10; round++) {
      Webhooks hooks = new Webhooks(busy, store);
      Fixture.stated(store, stated(Instant.parse("2025-08-15T07:00:00Z").plusSeconds(round), 121));
      while (hooks.attempts() < 8) {
        Thread.sleep(1);
      }
      hooks.close();
      // the store still answers, and the places were let go
      assertThat(store.statementLogEnd()).isEqualTo(round + 2);
      assertThat(store.alertPlaces()).allSatisfy(p -> assertThat(p.holder()).isNull());
    }
  }

  @Test
  void anAssessmentThatStatesNoDayStatesNothingToPost() {
    Monitor.DaysStated s = stated(Instant.parse("2026-01-01T00:00:00Z"), 5);
    assertThat(Statement.of(s)).contains(Statement.json(s));
    // only CAP messages issued (the first assessment after the store began to keep them)
    assertThat(
            Statement.of(
                new Monitor.DaysStated(
                    s.stated(),
                    s.methodVersion(),
                    s.terms(),
                    s.lastIngestId(),
                    new TreeMap<>(),
                    new TreeMap<>(),
                    s.grounds(),
                    new TreeMap<>(),
                    List.of(CapTest.ALERT))))
        .isEmpty();
  }

  @Test
  void theSettingsDoNotShowTheSecret() {
    Webhooks.Settings s =
        new Webhooks.Settings(
            List.of(URI.create("https://alerts.example.org/truce")), Optional.of("k3y-s3cret"));
    assertThat(s.toString()).doesNotContain("k3y-s3cret").contains("signed=true");
  }

  @Test
  void aWebhookUrlMustBeHttpWithAHost() {
    for (String bad : List.of("ftp://example.org/x", "mailto:ops@example.org", "/hook", "http:x")) {
      assertThat(
              org.assertj.core.api.Assertions.catchThrowable(
                  () -> Webhooks.checkUrl(URI.create(bad))))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad);
    }
    Webhooks.checkUrl(URI.create("https://alerts.example.org/truce"));
  }

  private static Webhooks.Settings settings(URI url, int retries) {
    return new Webhooks.Settings(
        List.of(url),
        Optional.empty(),
        Collections.nCopies(retries, Duration.ofMillis(20)),
        Duration.ofMillis(50));
  }

  /** An assessment that stated one day's figures, 16 August, for the first time. */
  static Monitor.DaysStated stated(Instant when, int detections) {
    DayRevision r =
        new DayRevision(
            when,
            MethodVersion.CURRENT,
            1,
            "observed",
            detections,
            3,
            1,
            2,
            Map.of("violation", 1),
            0,
            null);
    return new Monitor.DaysStated(
        when,
        MethodVersion.CURRENT,
        "demo-truce.yaml",
        1,
        new TreeMap<>(Map.of(LocalDate.parse("2025-08-16"), List.of(r))),
        new TreeMap<>(),
        Map.of("occupied", "ground held by the Russian Federation's armed forces"));
  }

  private static Set<String> days(JsonNode alert) {
    Set<String> out = new TreeSet<>();
    alert.path("days").forEach(d -> out.add(d.path("date").asText()));
    return out;
  }

  private static void matches(JsonNode figures, DayRevision r) {
    assertThat(figures.path("stated").asText()).isEqualTo(r.stated().toString());
    assertThat(figures.path("coverage").asText()).isEqualTo(r.coverage());
    assertThat(figures.path("detections").asInt()).isEqualTo(r.detections());
    assertThat(figures.path("war_related").asInt()).isEqualTo(r.warRelated());
    assertThat(figures.path("in_buffer").asInt()).isEqualTo(r.inBuffer());
    assertThat(figures.path("incidents").asInt()).isEqualTo(r.incidents());
    assertThat(figures.path("last_ingest_id").asLong()).isEqualTo(r.lastIngestId());
  }

  private static JsonNode ingest(String base, String token, String name) throws Exception {
    HttpResponse<String> r =
        Fixture.post(
            base + "/api/v1/ingest?name=" + name,
            token,
            Files.readAllBytes(Fixture.FIRMS.resolve(name)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
