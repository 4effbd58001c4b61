package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;

/**
 * The reports' PDFs carry the mission's signature when the server signs its CAP messages: over
 * every byte but the signature, with the certificate the server publishes, so that a report passed
 * on by others can be checked; a changed byte breaks it. Checked with Bouncy Castle and, where
 * installed (always in CI), with poppler's {@code pdfsig}, a verifier that shares no code with the
 * signer.
 */
@DisplayName("PdfSignatureTest (pdfsig's check skipped outside CI without poppler-utils)")
class PdfSignatureTest {
  /** What one PDF's signature holds, as a PDF reader checks it. */
  record Checked(boolean holds, X509Certificate certificate, String name, String reason) {}

  /** The single signature of {@code pdf}, checked over the bytes it covers. */
  static Checked check(byte[] pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      List<PDSignature> signatures = doc.getSignatureDictionaries();
      assertThat(signatures).hasSize(1);
      PDSignature s = signatures.get(0);
      int[] range = s.getByteRange();
      // the signature covers the whole file but its own bytes
      assertThat(range[0]).isZero();
      assertThat(range[2] + range[3]).isEqualTo(pdf.length);
      CMSSignedData cms = cms(s, pdf);
      SignerInformation signer = cms.getSignerInfos().getSigners().iterator().next();
      X509CertificateHolder holder =
          (X509CertificateHolder)
              cms.getCertificates().getMatches(signer.getSID()).iterator().next();
      boolean holds;
      try {
        holds = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(holder));
      } catch (org.bouncycastle.cms.CMSSignerDigestMismatchException e) {
        holds = false;
      }
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
      return new Checked(holds, certificate, s.getName(), s.getReason());
    }
  }

  /** The CMS signature {@code s} of {@code pdf}, over the bytes it covers. */
  static CMSSignedData cms(PDSignature s, byte[] pdf) throws Exception {
    // the signature's room is padded with zeros after its DER encoding, which is read alone
    org.bouncycastle.asn1.cms.ContentInfo info;
    try (org.bouncycastle.asn1.ASN1InputStream in =
        new org.bouncycastle.asn1.ASN1InputStream(s.getContents(pdf))) {
      info = org.bouncycastle.asn1.cms.ContentInfo.getInstance(in.readObject());
    }
    return new CMSSignedData(new CMSProcessableByteArray(s.getSignedContent(pdf)), info);
  }

  /** A one-page daily report, rendered as the server renders one. */
  static byte[] rendered() throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    org.trucewatch.reports.ReportPdf.write(
        "<html lang=\"en\"><head><title>Daily report</title></head>"
            + "<body><h1>Daily report</h1><p>12 detections.</p></body></html>",
        out);
    return out.toByteArray();
  }

  /** A page without tags, as PDFBox makes one. */
  private static byte[] untagged() throws Exception {
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  static byte[] bytes(String url) throws Exception {
    HttpResponse<byte[]> r =
        Fixture.HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).as(url).isEqualTo(200);
    return r.body();
  }

  /** The first report day's PDF, as the server at {@code base} serves it. */
  static byte[] dayPdf(String base) throws Exception {
    String day =
        ApiContract.json(Fixture.get(base + "/api/v1/reports"))
            .path("days")
            .get(0)
            .path("date")
            .asText();
    return bytes(base + "/reports/days/" + day + ".pdf");
  }

  @Test
  void theReportsPdfsCarryTheMissionsSignatureWhichAChangedByteBreaks(@TempDir Path tmp)
      throws Exception {
    CapSigner signer =
        CapSignerTest.signer(
            Files.createDirectory(tmp.resolve("keys")), "-keyalg", "RSA", "-keysize", "2048");
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor monitor = Fixture.loaded(store, 1);
      List<byte[]> signed = new ArrayList<>();
      try (Server s =
          Server.start(monitor, new Server.Options("127.0.0.1", 0, "", "").withCapSigner(signer))) {
        String base = "http://127.0.0.1:" + s.port();
        signed.add(bytes(base + "/reports/report.pdf"));
        signed.add(dayPdf(base));
      }
      for (byte[] pdf : signed) {
        Checked c = check(pdf);
        assertThat(c.holds()).isTrue();
        assertThat(c.certificate()).isEqualTo(signer.certificate());
        assertThat(c.name()).isEqualTo("Truce Watch test mission");
        assertThat(c.reason()).isEqualTo(PdfSignature.REASON);
        // still a tagged PDF for screen readers, as veraPDF judges PDF/UA-1 (which a page
        // without tags is not)
        assertThat(PdfUa.broken(pdf)).isEmpty();
        assertThat(PdfUa.broken(untagged())).anySatisfy(r -> assertThat(r).startsWith("7.1-11 "));
        // one byte changed in what the signature covers (here a page's text) breaks it
        byte[] changed = pdf.clone();
        changed[pdf.length / 4] ^= 0x01;
        assertThat(check(changed).holds()).isFalse();
      }
      // without a key the PDFs are as rendered, unsigned
      try (Server s = Server.start(monitor, new Server.Options("127.0.0.1", 0, "", ""))) {
        assertThat(PdfSignature.verify(dayPdf("http://127.0.0.1:" + s.port())).problem())
            .isEqualTo("is not signed");
      }
      // once the certificate has expired a report is still served, unsigned (health warns)
      CapSigner expired =
          signer.withClock(
              java.time.Clock.fixed(signer.notAfter().plusSeconds(60), java.time.ZoneOffset.UTC));
      try (Server s =
          Server.start(
              monitor, new Server.Options("127.0.0.1", 0, "", "").withCapSigner(expired))) {
        assertThat(PdfSignature.verify(dayPdf("http://127.0.0.1:" + s.port())).problem())
            .isEqualTo("is not signed");
      }
    }
  }

  @Test
  void popplerWhichSharesNoCodeWithTheSignerFindsTheSignatureValid(@TempDir Path tmp)
      throws Exception {
    String pdfsig = OperationsGuideTest.need("pdfsig", "poppler-utils");
    for (String[] key :
        List.of(
            new String[] {"-keyalg", "RSA", "-keysize", "2048"},
            new String[] {"-keyalg", "EC", "-groupname", "secp256r1"})) {
      Path dir = Files.createDirectory(tmp.resolve(key[1]));
      CapSigner signer = CapSignerTest.signer(dir, key);
      byte[] signed = signer.signPdf(rendered());
      assertThat(check(signed).holds()).isTrue();
      Path file = dir.resolve("report.pdf");
      Files.write(file, signed);
      assertThat(run(pdfsig, file))
          .contains("Signer Certificate Common Name: Truce Watch test mission")
          .contains("Signature Validation: Signature is Valid.");
      // verify-pdf's check agrees with poppler's
      PdfSignature.Verification v = PdfSignature.verify(signed);
      assertThat(v.holds()).isTrue();
      assertThat(v.fingerprint()).isEqualTo(signer.fingerprint());
      byte[] changed = signed.clone();
      changed[changed.length / 4] ^= 0x01;
      Files.write(file, changed);
      assertThat(run(pdfsig, file)).doesNotContain("Signature is Valid.");
      assertThat(PdfSignature.verify(changed).holds()).isFalse();
    }
  }

  private static String run(String tool, Path file) throws Exception {
    Process p = new ProcessBuilder(tool, file.toString()).redirectErrorStream(true).start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out;
  }
}
