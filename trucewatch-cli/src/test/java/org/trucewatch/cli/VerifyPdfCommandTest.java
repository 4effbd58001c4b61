package org.trucewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.reports.ReportPdf;
import org.trucewatch.server.CapSigner;
import org.trucewatch.server.OpenSslTsa;
import org.trucewatch.server.PdfSignature;
import org.trucewatch.server.TimeStamps;

/**
 * {@code verify-pdf}: a member state's liaison, or anyone, checks that a report's PDF passed on by
 * others is the mission's and unchanged, against the fingerprint the mission publishes.
 */
class VerifyPdfCommandTest {
  /** A key made by keytool, as an operator makes one, in {@code dir}. */
  private static CapSigner key(Path dir, String name) throws Exception {
    Path store = dir.resolve(name + ".p12");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "30",
                "-dname",
                "CN=" + name,
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "pass-" + name,
                "-keypass",
                "pass-" + name)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    Path password = dir.resolve(name + ".pass");
    Files.writeString(password, "pass-" + name + "\n", StandardCharsets.UTF_8);
    return CapSigner.load(store, password);
  }

  @Test
  void aReportsPdfVerifiesAgainstThePublishedFingerprintAndNothingElseDoes(@TempDir Path dir)
      throws Exception {
    CapSigner mission = key(dir, "Mission alerts");
    CapSigner other = key(dir, "Someone else");
    ByteArrayOutputStream rendered = new ByteArrayOutputStream();
    ReportPdf.write(
        "<html lang=\"en\"><head><title>Daily report</title></head>"
            + "<body><h1>Daily report 16 August 2025</h1><p>12 detections.</p></body></html>",
        rendered);
    byte[] unsigned = rendered.toByteArray();
    byte[] signed = mission.signPdf(unsigned);
    Path good = Files.write(dir.resolve("day.pdf"), signed);
    Path pem = Files.writeString(dir.resolve("mission.pem"), mission.certificatePem());
    // one byte of the signed text changed
    byte[] changed = signed.clone();
    changed[signed.length / 3] ^= 0x01;
    // an update appended after signing (a new title), which the signature does not cover
    byte[] updated;
    try (PDDocument d = Loader.loadPDF(signed)) {
      d.getDocumentInformation().setTitle("Another report");
      d.getDocumentInformation().getCOSObject().setNeedToBeUpdated(true);
      d.getDocumentCatalog().getCOSObject().setNeedToBeUpdated(true);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      d.saveIncremental(out);
      updated = out.toByteArray();
    }
    assertThat(updated.length).isGreaterThan(signed.length);
    List<Path> bad =
        List.of(
            Files.write(dir.resolve("changed.pdf"), changed),
            Files.write(dir.resolve("updated.pdf"), updated),
            Files.write(dir.resolve("unsigned.pdf"), unsigned),
            Files.write(dir.resolve("other.pdf"), other.signPdf(unsigned)),
            Files.writeString(dir.resolve("notes.pdf"), "not a PDF"));

    // the mission's PDF, against its fingerprint (as serve prints it, or without colons) or its
    // certificate
    for (String[] pin :
        List.of(
            new String[] {"--fingerprint", mission.fingerprint()},
            new String[] {
              "--fingerprint",
              mission.fingerprint().replace(":", "").toLowerCase(java.util.Locale.ROOT)
            },
            new String[] {"--certificate", pem.toString()})) {
      CliTest.Run ok = CliTest.run("verify-pdf", good.toString(), pin[0], pin[1]);
      assertThat(ok.code()).as(ok.err()).isZero();
      assertThat(ok.out())
          .startsWith(
              good + ": signed by CN=Mission alerts (SHA-256 " + mission.fingerprint() + ") at 20")
          .endsWith(", unchanged since, with the certificate given" + System.lineSeparator());
    }
    // without a pin it says who signed, and that the fingerprint is still to be compared
    CliTest.Run unpinned = CliTest.run("verify-pdf", good.toString());
    assertThat(unpinned.code()).isZero();
    assertThat(unpinned.out())
        .contains("compare the fingerprint with the one the mission publishes");

    // every other file fails, each named with why; the good one is still listed
    String[] args = new String[bad.size() + 3];
    args[0] = "verify-pdf";
    args[1] = good.toString();
    for (int i = 0; i < bad.size(); i++) {
      args[i + 2] = bad.get(i).toString();
    }
    args[args.length - 1] = "--fingerprint=" + mission.fingerprint();
    CliTest.Run all = CliTest.run(args);
    assertThat(all.code()).isEqualTo(1);
    assertThat(all.out()).startsWith(good + ": signed by CN=Mission alerts");
    List<String> lines = all.err().lines().toList();
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0))
        .startsWith(
            "error: "
                + bad.get(0)
                + ": has changed since it was signed: the signature does not hold; signed by"
                + " CN=Mission alerts (SHA-256 "
                + mission.fingerprint()
                + ") at 20");
    assertThat(lines.get(2)).isEqualTo("error: " + bad.get(2) + ": is not signed");
    assertThat(lines.get(5)).isEqualTo("error: 5 of 6 files not verified");
    assertThat(lines.get(1))
        .startsWith("error: " + bad.get(1) + ": has ")
        .contains(" bytes after what the signature covers (an update made after signing)");
    assertThat(lines.get(3))
        .startsWith(
            "error: " + bad.get(3) + ": signed by CN=Someone else (SHA-256 " + other.fingerprint())
        .endsWith(", not with the certificate given (SHA-256 " + mission.fingerprint() + ")");
    assertThat(lines.get(4))
        .startsWith("error: " + bad.get(4) + ": is not a PDF that can be read (");

    // a fingerprint that is not one, or two pins, is bad usage
    CliTest.Run usage = CliTest.run("verify-pdf", good.toString(), "--fingerprint", "AB:CD");
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.err()).startsWith("error: --fingerprint must be a SHA-256 fingerprint");
    CliTest.Run both =
        CliTest.run(
            "verify-pdf",
            good.toString(),
            "--fingerprint",
            mission.fingerprint(),
            "--certificate",
            pem.toString());
    assertThat(both.code()).isEqualTo(2);
  }

  @Test
  @DisplayName(
      "aTimeStampedPdfNamesTheAuthorityAndWhenItStampedTheSignature (skipped outside CI without"
          + " openssl)")
  void aTimeStampedPdfNamesTheAuthorityAndWhenItStampedTheSignature(@TempDir Path dir)
      throws Exception {
    CapSigner mission = key(dir, "Mission alerts");
    try (OpenSslTsa tsa =
        new OpenSslTsa(Files.createDirectory(dir.resolve("tsa")), "Test Time-Stamp Authority")) {
      ByteArrayOutputStream rendered = new ByteArrayOutputStream();
      ReportPdf.write(
          "<html lang=\"en\"><head><title>Daily report</title></head>"
              + "<body><h1>Daily report</h1><p>12 detections.</p></body></html>",
          rendered);
      Path stamped =
          Files.write(
              dir.resolve("stamped.pdf"),
              mission.withTimeStamps(new TimeStamps(tsa.url())).signPdf(rendered.toByteArray()));
      X509Certificate authority;
      try (var in = Files.newInputStream(tsa.certificate())) {
        authority =
            (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      }
      CliTest.Run ok =
          CliTest.run("verify-pdf", stamped.toString(), "--fingerprint", mission.fingerprint());
      assertThat(ok.code()).as(ok.err()).isZero();
      assertThat(ok.out())
          .matches(
              java.util.regex.Pattern.quote(
                      stamped
                          + ": signed by CN=Mission alerts (SHA-256 "
                          + mission.fingerprint()
                          + ") at ")
                  + "20\\S+Z, time-stamped at 20\\S+Z by "
                  + java.util.regex.Pattern.quote(
                      "CN=Test Time-Stamp Authority (SHA-256 "
                          + PdfSignature.fingerprint(authority)
                          + "), unchanged since, with the certificate given")
                  + "\\R");

      // the mission publishes its authority's root: a stamp of it is asked for and found
      CliTest.Run trusted =
          CliTest.run(
              "verify-pdf",
              stamped.toString(),
              "--fingerprint",
              mission.fingerprint(),
              "--tsa-trust",
              tsa.root().toString());
      assertThat(trusted.code()).as(trusted.err()).isZero();
      assertThat(trusted.out())
          .endsWith(
              "), unchanged since, with the certificate given, time-stamped by an authority"
                  + " given"
                  + System.lineSeparator());
      // a PDF signed without a stamp, and a stamp of an authority not given, are refused
      Path unstamped =
          Files.write(dir.resolve("unstamped.pdf"), mission.signPdf(rendered.toByteArray()));
      Path other = Files.writeString(dir.resolve("mission.pem"), mission.certificatePem());
      CliTest.Run refused =
          CliTest.run(
              "verify-pdf",
              unstamped.toString(),
              "--tsa-trust",
              tsa.root().toString(),
              "--tsa-trust",
              other.toString());
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err())
          .startsWith("error: " + unstamped + ": signed by CN=Mission alerts (SHA-256 ")
          .contains(", with no time-stamp, where --tsa-trust asks for one");
      CliTest.Run stranger =
          CliTest.run("verify-pdf", stamped.toString(), "--tsa-trust", other.toString());
      assertThat(stranger.code()).isEqualTo(1);
      assertThat(stranger.err())
          .startsWith("error: " + stamped + ": signed by CN=Mission alerts (SHA-256 ")
          .contains(
              ", by a time-stamp authority not given with --tsa-trust: its certificate does not"
                  + " chain to those trusted (");
      // a file that holds no certificate is named
      Path notPem = Files.writeString(dir.resolve("notes.txt"), "the mission's authority\n");
      CliTest.Run bad =
          CliTest.run("verify-pdf", stamped.toString(), "--tsa-trust", notPem.toString());
      assertThat(bad.code()).isEqualTo(1);
      assertThat(bad.err())
          .startsWith("error: --tsa-trust " + notPem + ": is not a certificate in PEM");
    }
  }
}
