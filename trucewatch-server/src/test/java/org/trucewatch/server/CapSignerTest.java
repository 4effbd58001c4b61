package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * CAP messages signed with keys that the JDK's keytool made, as an operator makes them, and checked
 * with the JDK's XML signature API against the certificate a receiver pins.
 */
class CapSignerTest {
  static final String PASSWORD = "s3cret-pass";

  /** A PKCS #12 keystore made by keytool in {@code dir}, with its password file beside it. */
  static CapSigner signer(Path dir, String... keyOptions) throws Exception {
    Path store = dir.resolve("cap.p12");
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "cap",
                "-validity",
                "30",
                "-dname",
                "CN=Truce Watch test mission, O=Monitoring mission",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD));
    command.addAll(List.of(keyOptions));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    Path password = dir.resolve("cap.password");
    Files.writeString(password, PASSWORD + "\n", StandardCharsets.UTF_8);
    return CapSigner.load(store, password);
  }

  /** Whether the message's signature holds for the certificate's key. */
  static boolean signatureHolds(String xml, CapSigner pinned) throws Exception {
    Document doc = CapTest.parse(xml);
    NodeList sig = doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature");
    assertThat(sig.getLength()).isEqualTo(1);
    XMLSignature signature =
        XMLSignatureFactory.getInstance("DOM")
            .unmarshalXMLSignature(
                new DOMValidateContext(pinned.certificate().getPublicKey(), sig.item(0)));
    return signature.validate(
        new DOMValidateContext(pinned.certificate().getPublicKey(), sig.item(0)));
  }

  @Test
  void aSignedMessageHoldsForTheCertificateItCarriesAndNotOnceChanged(@TempDir Path dir)
      throws Exception {
    CapSigner signer = signer(dir, "-keyalg", "RSA", "-keysize", "2048");
    String signed =
        signer.sign(Cap.alert(CapTest.finding("violation"), CapTest.ALERT, CapTest.OPEN));
    CapTest.validate(signed);
    assertThat(signatureHolds(signed, signer)).isTrue();
    // the signature carries the certificate, as the server serves it
    Document doc = CapTest.parse(signed);
    String carried =
        doc.getElementsByTagNameNS(XMLSignature.XMLNS, "X509Certificate").item(0).getTextContent();
    assertThat(signer.certificatePem().replaceAll("-----[A-Z ]+-----|\\s", ""))
        .isEqualTo(carried.replaceAll("\\s", ""));
    assertThat(signer.describe())
        .startsWith("CN=Truce Watch test mission,O=Monitoring mission, SHA-256 ")
        .matches(".*SHA-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}, valid until 20\\d\\d-.*Z");
    // a changed word, or another verdict, breaks it
    assertThat(
            signatureHolds(
                signed.replace("Independent sources reported", "Sources reported"), signer))
        .isFalse();
    assertThat(signatureHolds(signed.replace(">Observed<", ">Likely<"), signer)).isFalse();
    // and a message signed with another key does not hold for this certificate
    Path other = Files.createDirectory(dir.resolve("other"));
    String forged =
        signer(other, "-keyalg", "RSA", "-keysize", "2048")
            .sign(Cap.alert(CapTest.finding("violation"), CapTest.ALERT, CapTest.OPEN));
    assertThat(signatureHolds(forged, signer)).isFalse();
  }

  @Test
  void aCertificateNearItsEndIsWarnedOfAndOnePastItSignsNothing(@TempDir Path dir)
      throws Exception {
    // the test keys are valid for 30 days: within the warning's reach from the start
    CapSigner signer = signer(dir, "-keyalg", "EC", "-groupname", "secp256r1");
    assertThat(signer.expiryWarning())
        .hasValueSatisfying(
            w ->
                assertThat(w)
                    .isEqualTo(
                        "the CAP signing certificate expires at "
                            + signer.notAfter()
                            + " (in 29 days); renew it and start serve with the new keystore"
                            + " before then"));
    // 31 days before its end there is nothing to warn of
    java.time.Clock early =
        java.time.Clock.fixed(
            signer.notAfter().minus(java.time.Duration.ofDays(31)), java.time.ZoneOffset.UTC);
    assertThat(signer.withClock(early).expiryWarning()).isEmpty();
    // a second past its end it signs nothing, and says so
    CapSigner expired =
        signer.withClock(
            java.time.Clock.fixed(signer.notAfter().plusSeconds(1), java.time.ZoneOffset.UTC));
    String message = Cap.alert(CapTest.finding("violation"), CapTest.ALERT, CapTest.OPEN);
    assertThatThrownBy(() -> expired.sign(message))
        .isInstanceOf(CapSigner.Expired.class)
        .hasMessage(
            "the CAP signing certificate expired at "
                + signer.notAfter()
                + "; CAP messages are not served until serve starts with a renewed keystore");
    assertThat(expired.expiryWarning())
        .hasValueSatisfying(
            w -> assertThat(w).startsWith("the CAP signing certificate expired at"));
  }

  @Test
  void anEllipticCurveKeySignsToo(@TempDir Path dir) throws Exception {
    CapSigner signer = signer(dir, "-keyalg", "EC", "-groupname", "secp256r1");
    String signed =
        signer.sign(Cap.alert(CapTest.finding("probable-violation"), CapTest.ALERT, CapTest.OPEN));
    CapTest.validate(signed);
    assertThat(signed).contains("ecdsa-sha256");
    assertThat(signatureHolds(signed, signer)).isTrue();
  }

  @Test
  void aCertificateThatHasExpiredIsRefused(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                signer(
                    dir,
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-startdate",
                    "-10d",
                    "-validity",
                    "5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(dir.resolve("cap.p12") + ": the certificate of cap is valid from ")
        .hasMessageEndingWith(", not now");
  }

  @Test
  void aWrongPasswordOrAFileThatIsNoKeystoreIsNamed(@TempDir Path dir) throws Exception {
    signer(dir, "-keyalg", "RSA", "-keysize", "2048");
    Path wrong = dir.resolve("wrong.password");
    Files.writeString(wrong, "not-it\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> CapSigner.load(dir.resolve("cap.p12"), wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            dir.resolve("cap.p12") + ": is not a PKCS #12 keystore that this password opens");
    assertThatThrownBy(() -> CapSigner.load(dir.resolve("cap.password"), wrong))
        .hasMessageStartingWith(dir.resolve("cap.password") + ": is not a PKCS #12 keystore");
  }
}
