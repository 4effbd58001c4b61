package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;

/**
 * With a time-stamp authority named, the signatures of the reports' PDFs carry its stamp (RFC
 * 3161): OpenSSL's authority stamps them, OpenSSL's verifier finds each stamp to be of its
 * signature, {@code pdfsig} still finds the signature valid, and {@link PdfSignature#verify} names
 * the authority and the time. A stamp of other bytes is refused; an authority that does not answer
 * leaves the PDF signed without a stamp, which {@code /metrics} counts; one that is slow delays
 * only the PDF whose stamp it keeps.
 */
@DisplayName("TimeStampedPdfTest (skipped outside CI without openssl and poppler-utils)")
class TimeStampedPdfTest {
  private static final String AUTHORITY = "Test Time-Stamp Authority";

  @Test
  void theServersPdfSignaturesCarryTheAuthoritysStampWhichOpenSslVerifies(@TempDir Path tmp)
      throws Exception {
    String pdfsig = OperationsGuideTest.need("pdfsig", "poppler-utils");
    try (OpenSslTsa tsa = new OpenSslTsa(Files.createDirectory(tmp.resolve("tsa")), AUTHORITY);
        Store store = Store.open(tmp.resolve("db").toString())) {
      CapSigner signer = stamping(tmp, tsa);
      Monitor monitor = Fixture.loaded(store, 1);
      Instant before =
          java.time.Clock.systemUTC().instant().truncatedTo(ChronoUnit.SECONDS).minusSeconds(1);
      byte[] report;
      byte[] day;
      String metrics;
      try (Server s =
          Server.start(monitor, new Server.Options("127.0.0.1", 0, "", "").withCapSigner(signer))) {
        String base = "http://127.0.0.1:" + s.port();
        report = PdfSignatureTest.bytes(base + "/reports/report.pdf");
        day = PdfSignatureTest.dayPdf(base);
        metrics = Fixture.get(base + "/metrics").body();
      }
      Instant after = java.time.Clock.systemUTC().instant().plusSeconds(1);
      X509Certificate authority = certificate(tsa.certificate());
      for (byte[] pdf : List.of(report, day)) {
        PdfSignature.Verification v = PdfSignature.verify(pdf);
        assertThat(v.problem()).isNull();
        assertThat(v.fingerprint()).isEqualTo(signer.fingerprint());
        assertThat(v.stamp()).isNotNull();
        assertThat(v.stamp().at()).isBetween(before, after);
        assertThat(v.stamp().certificate()).isEqualTo(authority);
        assertThat(v.stamp().fingerprint()).isEqualTo(PdfSignature.fingerprint(authority));
        // trusted as the authority itself, or as issued from its root, and not by another
        X509Certificate root = certificate(tsa.root());
        assertThat(v.stamp().carried()).containsExactlyInAnyOrder(authority, root);
        assertThat(PdfSignature.untrusted(v.stamp(), List.of(root))).isEmpty();
        assertThat(PdfSignature.untrusted(v.stamp(), List.of(authority))).isEmpty();
        assertThat(PdfSignature.untrusted(v.stamp(), List.of(signer.certificate())))
            .get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
            .startsWith("its certificate does not chain to those trusted (");

        // OpenSSL, which shares no code with Bouncy Castle, finds the token to be the
        // authority's, over the SHA-256 of this PDF's signature value
        Signed signed = signed(pdf);
        Path token = tmp.resolve("token.der");
        Files.write(token, signed.token());
        assertThat(
                tsa.run(
                    tsa.openssl(),
                    "ts",
                    "-verify",
                    "-digest",
                    HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(signed.value())),
                    "-in",
                    token.toString(),
                    "-token_in",
                    "-CAfile",
                    tsa.root().toString()))
            .contains("Verification: OK");
        // and a PDF reader's check of the signature is as without a stamp
        Path file = tmp.resolve("stamped.pdf");
        Files.write(file, pdf);
        Process p = new ProcessBuilder(pdfsig, file.toString()).redirectErrorStream(true).start();
        String out =
            new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        assertThat(out).contains("Signature Validation: Signature is Valid.");
      }
      // still tagged for screen readers, as veraPDF judges PDF/UA-1
      assertThat(PdfUa.broken(day)).isEmpty();
      assertThat(metrics)
          .contains("trucewatch_pdf_timestamps_total{outcome=\"stamped\"} 2.0")
          .contains("trucewatch_pdf_timestamps_total{outcome=\"failed\"} 0.0");
    }
  }

  @Test
  void aStampOfOtherBytesIsRefusedAndAnAuthorityDownLeavesThePdfUnstamped(@TempDir Path tmp)
      throws Exception {
    try (OpenSslTsa tsa = new OpenSslTsa(Files.createDirectory(tmp.resolve("tsa")), AUTHORITY);
        Store store = Store.open(tmp.resolve("db").toString())) {
      Path keys = Files.createDirectory(tmp.resolve("keys"));
      CapSigner signer = CapSignerTest.signer(keys, "-keyalg", "RSA");
      TimeStamps stamps = new TimeStamps(tsa.url());
      byte[] rendered = PdfSignatureTest.rendered();

      // a genuine stamp of the authority, but of other bytes than this signature
      byte[] elsewhere =
          stamps.token("another signature".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keys.resolve("cap.p12"))) {
        ks.load(in, CapSignerTest.PASSWORD.toCharArray());
      }
      PrivateKey key = (PrivateKey) ks.getKey("cap", CapSignerTest.PASSWORD.toCharArray());
      byte[] misstamped =
          PdfSignature.sign(
              rendered,
              key,
              signer.certificate(),
              java.time.Clock.systemUTC().instant(),
              s -> Optional.of(elsewhere));
      PdfSignature.Verification v = PdfSignature.verify(misstamped);
      assertThat(v.problem())
          .isEqualTo(
              "has a time-stamp that does not hold (it is of other bytes than this signature)");
      // the same authority's stamp of this signature holds
      assertThat(
              PdfSignature.verify(
                      PdfSignature.sign(
                          rendered,
                          key,
                          signer.certificate(),
                          java.time.Clock.systemUTC().instant(),
                          stamps))
                  .stamp())
          .isNotNull();
      assertThat(stamps.stamped()).isEqualTo(1);

      // an authority that is down: the PDF is signed without a stamp, and /metrics says so
      tsa.refuse(true);
      Monitor monitor = Fixture.loaded(store, 1);
      try (Server s =
          Server.start(
              monitor,
              new Server.Options("127.0.0.1", 0, "", "")
                  .withCapSigner(signer.withTimeStamps(new TimeStamps(tsa.url()))))) {
        String base = "http://127.0.0.1:" + s.port();
        PdfSignature.Verification unstamped =
            PdfSignature.verify(PdfSignatureTest.bytes(base + "/reports/report.pdf"));
        assertThat(unstamped.problem()).isNull();
        assertThat(unstamped.fingerprint()).isEqualTo(signer.fingerprint());
        assertThat(unstamped.stamp()).isNull();
        assertThat(Fixture.get(base + "/metrics").body())
            .contains("trucewatch_pdf_timestamps_total{outcome=\"failed\"} 1.0")
            .contains("trucewatch_pdf_timestamps_total{outcome=\"stamped\"} 0.0");
      }
      // what the authority said is named
      tsa.refuse(true);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> stamps.token(new byte[] {1}))
          .hasMessage("the time-stamp authority " + tsa.url() + " answered HTTP 503");
    }
  }

  @Test
  void anAuthorityThatIsSlowToStampOnePdfDelaysNoOtherPdf(@TempDir Path tmp) throws Exception {
    try (OpenSslTsa tsa = new OpenSslTsa(Files.createDirectory(tmp.resolve("tsa")), AUTHORITY);
        Store store = Store.open(tmp.resolve("db").toString())) {
      CapSigner signer = stamping(tmp, tsa);
      Monitor monitor = Fixture.loaded(store, 1);
      try (Server s =
          Server.start(monitor, new Server.Options("127.0.0.1", 0, "", "").withCapSigner(signer))) {
        String base = "http://127.0.0.1:" + s.port();
        HttpRequest reportPdf =
            HttpRequest.newBuilder(URI.create(base + "/reports/report.pdf")).build();
        // the authority keeps the stamp of report.pdf waiting
        OpenSslTsa.Hold hold = tsa.holdNext();
        CompletableFuture<HttpResponse<byte[]>> report =
            Fixture.HTTP.sendAsync(reportPdf, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(hold.arrived().await(2, TimeUnit.MINUTES)).isTrue();
        // a reader who asks for report.pdf meanwhile waits for that render, not another
        CompletableFuture<HttpResponse<byte[]>> again =
            Fixture.HTTP.sendAsync(reportPdf, HttpResponse.BodyHandlers.ofByteArray());

        // a daily report's PDF is rendered, signed and stamped meanwhile
        byte[] day = PdfSignatureTest.dayPdf(base);
        assertThat(PdfSignature.verify(day).stamp()).isNotNull();
        assertThat(report).isNotDone();
        assertThat(again).isNotDone();

        hold.released().countDown();
        byte[] stamped = report.get(2, TimeUnit.MINUTES).body();
        PdfSignature.Verification v = PdfSignature.verify(stamped);
        assertThat(v.problem()).isNull();
        assertThat(v.stamp()).isNotNull();
        assertThat(again.get(2, TimeUnit.MINUTES).body()).isEqualTo(stamped);
        assertThat(Fixture.get(base + "/metrics").body())
            .contains("trucewatch_report_pdf_renders_total 2.0")
            .contains("trucewatch_pdf_timestamps_total{outcome=\"stamped\"} 2.0");
      }
    }
  }

  @Test
  void aStampOfAnAuthorityNotTrustedIsNotTaken(@TempDir Path tmp) throws Exception {
    try (OpenSslTsa tsa = new OpenSslTsa(Files.createDirectory(tmp.resolve("tsa")), AUTHORITY)) {
      CapSigner signer =
          CapSignerTest.signer(Files.createDirectory(tmp.resolve("keys")), "-keyalg", "RSA");
      byte[] rendered = PdfSignatureTest.rendered();
      // the mission trusts the authority's root: its stamps are taken
      TimeStamps rooted = new TimeStamps(tsa.url(), List.of(certificate(tsa.root())));
      PdfSignature.Verification v =
          PdfSignature.verify(signer.withTimeStamps(rooted).signPdf(rendered));
      assertThat(v.stamp()).isNotNull();
      assertThat(PdfSignature.untrusted(v.stamp(), rooted.trusted())).isEmpty();
      assertThat(rooted.stamped()).isEqualTo(1);

      // it trusts another certificate: the answer is refused, and the PDF signed without a stamp
      TimeStamps other = new TimeStamps(tsa.url(), List.of(signer.certificate()));
      PdfSignature.Verification unstamped =
          PdfSignature.verify(signer.withTimeStamps(other).signPdf(rendered));
      assertThat(unstamped.problem()).isNull();
      assertThat(unstamped.stamp()).isNull();
      assertThat(other.failed()).isEqualTo(1);
      assertThat(other.stamped()).isZero();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.token(new byte[] {1}))
          .hasMessageStartingWith(
              "the time-stamp authority "
                  + tsa.url()
                  + " answered a stamp of an authority not trusted (--tsa-trust): its certificate"
                  + " does not chain to those trusted (");
    }
  }

  /** A signer with an RSA key made in {@code tmp}, its signatures stamped by {@code tsa}. */
  private static CapSigner stamping(Path tmp, OpenSslTsa tsa) throws Exception {
    return CapSignerTest.signer(Files.createDirectory(tmp.resolve("keys")), "-keyalg", "RSA")
        .withTimeStamps(new TimeStamps(tsa.url()));
  }

  /** A PDF's signature value and the time-stamp token of its signer's unsigned attributes. */
  record Signed(byte[] value, byte[] token) {}

  static Signed signed(byte[] pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      CMSSignedData cms = PdfSignatureTest.cms(doc.getSignatureDictionaries().get(0), pdf);
      SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
      Attribute token =
          signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
      return new Signed(
          signer.getSignature(),
          token.getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded());
    }
  }

  private static X509Certificate certificate(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }
}
