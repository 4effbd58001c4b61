package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.run.MethodVersion;
import org.w3c.dom.Document;

/**
 * Test alerts, as {@code trucewatch alerts test} sends them: one to each receiver, once and without
 * a store, stating nothing; what each receiver did with it.
 */
class SendTestAlertsTest {
  private static final Instant SENT = Instant.parse("2026-11-30T07:00:00.123Z");

  @Test
  void eachWebhookIsPostedOneSignedTestAlertAndWhatItAnsweredIsTold() throws Exception {
    try (WebhooksTest.Receiver taking = new WebhooksTest.Receiver();
        WebhooksTest.Receiver failing = new WebhooksTest.Receiver(500)) {
      URI gone;
      try (WebhooksTest.Receiver closed = new WebhooksTest.Receiver()) {
        gone = closed.url();
      }
      List<Alerts.Tested> tested =
          Webhooks.test(
              new Webhooks.Settings(
                  List.of(URI.create(taking.url() + "?key=k#sector=east"), failing.url(), gone),
                  Optional.of("s3cret")),
              SENT);
      assertThat(tested)
          .extracting(Alerts.Tested::channel, Alerts.Tested::receiver)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("webhook", taking.url() + "#sector=east"),
              org.assertj.core.groups.Tuple.tuple("webhook", failing.url().toString()),
              org.assertj.core.groups.Tuple.tuple("webhook", gone.toString()));
      assertThat(tested.get(0).problem()).isEmpty();
      assertThat(tested.get(1).problem()).contains("HTTP 500");
      assertThat(tested.get(2).problem().orElseThrow()).contains("ConnectException");

      assertThat(taking.got).hasSize(1);
      WebhooksTest.Received got = taking.got.get(0);
      assertThat(got.headers().get("event")).isEqualTo("test");
      assertThat(got.headers().get("delivery")).isEqualTo(Alerts.alertId(got.body()));
      assertThat(got.headers().get("signature"))
          .isEqualTo("sha256=" + Webhooks.sign("s3cret", got.body()));
      JsonNode body = got.json();
      assertThat(body.path("event").asText()).isEqualTo("test");
      assertThat(body.path("sent").asText()).isEqualTo(SENT.toString());
      assertThat(body.path("method_version").asText()).isEqualTo(MethodVersion.CURRENT);
      assertThat(body.path("area").path("sector").asText()).isEqualTo("east");
      assertThat(body.path("text").asText())
          .isEqualTo(
              "Truce Watch: a test of the alerts to this receiver, sent 2026-11-30T07:00:00Z"
                  + " (method "
                  + MethodVersion.CURRENT
                  + "). It states no figures and no finding. This receiver is given the alerts"
                  + " of sector east only.");
      // the failing receiver was tried once: a test is not retried
      assertThat(failing.calls.get()).isEqualTo(1);
      assertThat(failing.got.get(0).json().has("area")).isFalse();
    }
  }

  @Test
  void eachHubIsPostedOneSignedCapMessageOfStatusTest(@TempDir Path tmp) throws Exception {
    CapSigner signer =
        CapSignerTest.signer(
            Files.createDirectory(tmp.resolve("keys")), "-keyalg", "EC", "-groupname", "secp256r1");
    try (WebhooksTest.Receiver hub = new WebhooksTest.Receiver()) {
      List<Alerts.Tested> tested =
          CapPush.test(
              List.of(URI.create(hub.url() + "#oblast=UA-14")), signer, CapTest.OPEN.truce(), SENT);
      assertThat(tested)
          .containsExactly(new Alerts.Tested("cap", hub.url() + "#oblast=UA-14", Optional.empty()));
      WebhooksTest.Received got = hub.got.get(0);
      assertThat(got.headers().get("event")).isEqualTo("test");
      assertThat(got.headers().get("type")).isEqualTo("application/cap+xml; charset=utf-8");
      String xml = new String(got.body(), StandardCharsets.UTF_8);
      CapTest.validate(xml);
      assertThat(CapSignerTest.signatureHolds(xml, signer)).isTrue();
      Document d = CapTest.parse(xml);
      assertThat(CapTest.texts(d, "status")).containsExactly("Test");
      assertThat(CapTest.texts(d, "msgType")).containsExactly("Alert");
      assertThat(CapTest.texts(d, "info")).isEmpty();
      // the sender of the truce's messages, and the id a hub takes it by
      assertThat(CapTest.texts(d, "sender")).containsExactly(Cap.sender(CapTest.OPEN));
      assertThat(CapTest.texts(d, "identifier")).containsExactly(got.headers().get("delivery"));
      assertThat(CapTest.texts(d, "note").get(0))
          .startsWith("Truce Watch: a test of the alerts to this receiver")
          .endsWith("the alerts of oblast UA-14 only.");
    }
  }

  @Test
  void eachAddressIsMailedOneTestAlertAndAFailedSignInIsTold() throws Exception {
    GreenMail smtp =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withConfiguration(
                GreenMailConfiguration.aConfig()
                    .withUser("alerts@mission.example", "alerts", "s3cret"));
    smtp.start();
    try {
      URI url = URI.create("smtp://alerts@127.0.0.1:" + smtp.getSmtp().getPort());
      List<MailAlerts.Recipient> to =
          List.of(
              MailAlerts.Recipient.of("liaison@example.org"),
              MailAlerts.Recipient.of("liaison@example.org#oblast=UA-14"));
      List<Alerts.Tested> wrong =
          MailAlerts.test(
              new MailAlerts.Settings(
                  url,
                  Optional.of("wrong"),
                  MailAlerts.address("alerts@mission.example"),
                  to,
                  Optional.empty()),
              SENT);
      assertThat(wrong)
          .extracting(Alerts.Tested::receiver)
          .containsExactly("liaison@example.org", "liaison@example.org#oblast=UA-14");
      assertThat(wrong)
          .allSatisfy(
              t -> assertThat(t.problem().orElseThrow()).contains("AuthenticationFailedException"));
      assertThat(smtp.getReceivedMessages()).isEmpty();

      List<Alerts.Tested> right =
          MailAlerts.test(
              new MailAlerts.Settings(
                  url,
                  Optional.of("s3cret"),
                  MailAlerts.address("alerts@mission.example"),
                  to,
                  Optional.of(URI.create("https://truce.example/"))),
              SENT);
      assertThat(right).allSatisfy(t -> assertThat(t.problem()).isEmpty());
      MimeMessage[] got = smtp.getReceivedMessages();
      assertThat(got).hasSize(2);
      for (MimeMessage m : got) {
        assertThat(m.getSubject()).isEqualTo("Truce Watch: a test of the alerts to this address");
        assertThat(m.getHeader("X-TruceWatch-Event")[0]).isEqualTo("test");
        assertThat(m.getSentDate().toInstant()).isEqualTo(Instant.parse("2026-11-30T07:00:00Z"));
      }
      assertThat(List.of(got[0], got[1]).stream().map(SendTestAlertsTest::text).toList())
          .anySatisfy(t -> assertThat(t).contains("the alerts of the whole area monitored.\n"))
          .anySatisfy(t -> assertThat(t).contains("the alerts of oblast UA-14 only.\n"))
          // the operator checks the public URL by the link
          .allSatisfy(
              t ->
                  assertThat(t)
                      .endsWith(
                          "\n\nThe alerts' links to the daily reports start with"
                              + " https://truce.example/, where https://truce.example/ opens the"
                              + " web map."));
      // two addresses of one mailbox: two ids, so that neither is taken for the other
      assertThat(got[0].getHeader("X-TruceWatch-Delivery")[0])
          .isNotEqualTo(got[1].getHeader("X-TruceWatch-Delivery")[0]);
    } finally {
      smtp.stop();
    }
  }

  private static String text(MimeMessage m) {
    try {
      return ((String) m.getContent()).replace("\r\n", "\n").strip();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
