package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;
import org.w3c.dom.Document;

/**
 * CAP messages pushed to a hub, received by a real HTTP server: each assessment posts the messages
 * it issues, and only those, each a CAP 1.2 message as the feed serves it, signed when the server
 * signs.
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

  @Test
  void eachAssessmentPushesTheMessagesItIssuesAndOnlyThose(@TempDir Path tmp) throws Exception {
    Path terms = SurveillanceReportsServerTest.termsWithReportClause(tmp);
    Path camera = tmp.resolve("camera.csv");
    // an explosion that a camera reports in the buffer (a probable violation), and gunfire that
    // two sources report there (a violation)
    Files.writeString(
        camera, Fixture.REPORTS + Fixture.EXPLOSION + Fixture.GUNFIRE, StandardCharsets.UTF_8);
    Path observer = tmp.resolve("observer.csv");
    Files.writeString(
        observer, Fixture.REPORTS + Fixture.EXPLOSION_OBSERVED, StandardCharsets.UTF_8);
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
      Monitor m = new Monitor(store, Fixture.regions(), Fixture.classifier());
      m.listen(push);
      m.useTerms(terms);
      m.ingest(camera, "camera.csv", "test", Store.IngestListener.NONE);
      assertThat(push.awaitIdle(WebhooksTest.WAIT)).isTrue();
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
      m.ingest(observer, "observer.csv", "test", Store.IngestListener.NONE);
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
}
