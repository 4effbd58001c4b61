package org.trucewatch.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;

/**
 * Signs CAP messages with an enveloped W3C XML signature (XML-DSig, as CAP 1.2 provides for), so
 * that a receiver can tell that a message comes from the mission and was not changed on the way:
 * the parties dispute findings, and an alert passed on by others should still be checked. The key
 * and its certificate come from a PKCS #12 keystore (as {@code keytool -genkeypair -storetype
 * PKCS12} makes); the signature is RSA or ECDSA with SHA-256 over the exclusive canonical form of
 * the whole message, and carries the certificate, whose SHA-256 fingerprint receivers pin.
 */
public final class CapSigner {
  /** How long before its certificate expires the server warns (its start, /health). */
  public static final java.time.Duration WARN_BEFORE = java.time.Duration.ofDays(30);

  private final PrivateKey key;
  private final X509Certificate certificate;
  private final java.time.Clock clock;
  private final TimeStamps timeStamps;

  private CapSigner(
      PrivateKey key, X509Certificate certificate, java.time.Clock clock, TimeStamps timeStamps) {
    this.key = key;
    this.certificate = certificate;
    this.clock = clock;
    this.timeStamps = timeStamps;
  }

  /** This signer, telling the time by {@code c} (tests move it past the certificate's end). */
  CapSigner withClock(java.time.Clock c) {
    return new CapSigner(key, certificate, c, timeStamps);
  }

  /**
   * This signer, having the signatures of the PDFs time-stamped by {@code authority} ({@link
   * TimeStamps}); null for none.
   */
  public CapSigner withTimeStamps(TimeStamps authority) {
    return new CapSigner(key, certificate, clock, authority);
  }

  /** The time-stamp authority of the PDFs' signatures, or null when there is none. */
  public TimeStamps timeStamps() {
    return timeStamps;
  }

  /** When the certificate stops being valid; after it the signer refuses to sign. */
  public java.time.Instant notAfter() {
    return certificate.getNotAfter().toInstant();
  }

  /**
   * What an operator must do before the certificate expires, when it expires within {@link
   * #WARN_BEFORE} or has expired; empty otherwise.
   */
  public java.util.Optional<String> expiryWarning() {
    java.time.Instant now = clock.instant();
    if (now.isAfter(notAfter())) {
      return java.util.Optional.of(
          "the CAP signing certificate expired at "
              + notAfter()
              + "; CAP messages are not served until serve starts with a renewed keystore");
    }
    if (now.plus(WARN_BEFORE).isAfter(notAfter())) {
      long days = java.time.Duration.between(now, notAfter()).toDays();
      return java.util.Optional.of(
          "the CAP signing certificate expires at "
              + notAfter()
              + " (in "
              + days
              + (days == 1 ? " day" : " days")
              + "); renew it and start serve with the new keystore before then");
    }
    return java.util.Optional.empty();
  }

  /** A certificate that has expired: a receiver would refuse what it signs. */
  static final class Expired extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Expired(String message) {
      super(message);
    }
  }

  /**
   * The first key entry of a PKCS #12 keystore, opened with the password in {@code passwordFile}
   * (its first line).
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static CapSigner load(Path keystore, Path passwordFile) {
    char[] password;
    try {
      password =
          Files.readString(passwordFile, StandardCharsets.UTF_8)
              .lines()
              .findFirst()
              .orElse("")
              .toCharArray();
    } catch (IOException e) {
      throw new IllegalArgumentException(passwordFile + ": cannot be read: " + e.getMessage(), e);
    }
    KeyStore store;
    try (InputStream in = Files.newInputStream(keystore)) {
      store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          keystore
              + ": is not a PKCS #12 keystore that this password opens ("
              + e.getMessage()
              + ")",
          e);
    }
    try {
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias)
            && store.getKey(alias, password) instanceof PrivateKey k
            && store.getCertificate(alias) instanceof X509Certificate c) {
          String algorithm = k.getAlgorithm();
          if (!algorithm.equals("RSA") && !algorithm.equals("EC")) {
            throw new IllegalArgumentException(
                keystore
                    + ": the key "
                    + alias
                    + " is "
                    + algorithm
                    + "; CAP signs with RSA or EC");
          }
          try {
            c.checkValidity();
          } catch (java.security.cert.CertificateException e) {
            // a receiver refuses a signature whose certificate is not valid now
            throw new IllegalArgumentException(
                keystore
                    + ": the certificate of "
                    + alias
                    + " is valid from "
                    + c.getNotBefore().toInstant()
                    + " to "
                    + c.getNotAfter().toInstant()
                    + ", not now",
                e);
          }
          return new CapSigner(k, c, java.time.Clock.systemUTC(), null);
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          keystore + ": its key cannot be read: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(keystore + ": holds no private key with a certificate");
  }

  /** The certificate that the signatures carry. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The certificate in PEM, as the server serves it for receivers to pin. */
  public String certificatePem() {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the certificate cannot be encoded", e);
    }
  }

  /** The certificate's SHA-256 fingerprint, as {@code keytool -list} prints it (AB:CD:…). */
  public String fingerprint() {
    try {
      return PdfSignature.fingerprint(certificate);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the certificate cannot be encoded", e);
    }
  }

  /**
   * Who the certificate names, its fingerprint and until when it is valid, for the server's
   * start-up lines.
   */
  public String describe() {
    return certificate.getSubjectX500Principal().getName()
        + ", SHA-256 "
        + fingerprint()
        + ", valid until "
        + certificate.getNotAfter().toInstant();
  }

  /**
   * {@code pdf}, a report rendered as PDF, signed with the same key ({@link PdfSignature}); as it
   * was once the certificate has expired, since a report is not withheld for want of a signature
   * ({@code /health} warns of the expiry). Its signature is time-stamped when a time-stamp
   * authority is named and answers.
   */
  public byte[] signPdf(byte[] pdf) {
    java.time.Instant now = clock.instant();
    return now.isAfter(notAfter())
        ? pdf
        : PdfSignature.sign(pdf, key, certificate, now, timeStamps);
  }

  /**
   * {@code xml}, a CAP message, with its enveloped signature as the last child of {@code alert}.
   */
  String sign(String xml) {
    if (clock.instant().isAfter(notAfter())) {
      throw new Expired(expiryWarning().orElseThrow());
    }
    try {
      DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
      dbf.setNamespaceAware(true);
      dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc =
          dbf.newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      XMLSignatureFactory f = XMLSignatureFactory.getInstance("DOM");
      Reference ref =
          f.newReference(
              "",
              f.newDigestMethod(DigestMethod.SHA256, null),
              List.of(
                  f.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                  f.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
              null,
              null);
      SignedInfo si =
          f.newSignedInfo(
              f.newCanonicalizationMethod(
                  CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
              f.newSignatureMethod(
                  key.getAlgorithm().toUpperCase(Locale.ROOT).equals("EC")
                      ? SignatureMethod.ECDSA_SHA256
                      : SignatureMethod.RSA_SHA256,
                  null),
              List.of(ref));
      KeyInfoFactory kif = f.getKeyInfoFactory();
      KeyInfo ki = kif.newKeyInfo(List.of(kif.newX509Data(List.of(certificate))));
      f.newXMLSignature(si, ki).sign(new DOMSignContext(key, doc.getDocumentElement()));
      StringWriter out = new StringWriter();
      TransformerFactory.newInstance()
          .newTransformer()
          .transform(new DOMSource(doc), new StreamResult(out));
      return out.toString();
    } catch (Exception e) {
      throw new IllegalStateException("the CAP message could not be signed", e);
    }
  }
}
