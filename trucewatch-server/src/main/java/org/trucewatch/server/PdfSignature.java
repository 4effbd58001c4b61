package org.trucewatch.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Signs a PDF with the mission's key, as PDF readers check a signature (ISO 32000's {@code
 * adbe.pkcs7.detached}: a CMS signature with SHA-256 over every byte of the file but the signature
 * itself, carrying the certificate). A reader of a daily report passed on by others (a party, a
 * channel, a newspaper) can so tell that it is the mission's and unchanged: a change of any byte, a
 * figure or a sentence, breaks the signature, and the certificate is the one the server publishes
 * at {@code /alerts/cap-certificate.pem}. The signature is added as an incremental update, so that
 * the pages and their tags for screen readers stay as rendered.
 */
final class PdfSignature {
  /** What the signature says, in every PDF reader's signature panel. */
  static final String REASON =
      "Issued by the monitoring mission; any change to this document breaks the signature";

  private PdfSignature() {}

  /**
   * {@code pdf} signed with {@code key}, whose certificate is {@code certificate}, at {@code when}.
   */
  static byte[] sign(byte[] pdf, PrivateKey key, X509Certificate certificate, Instant when) {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDSignature s = new PDSignature();
      s.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      s.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
      s.setName(commonName(certificate));
      s.setReason(REASON);
      Calendar c = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
      c.setTimeInMillis(when.toEpochMilli());
      s.setSignDate(c);
      doc.addSignature(s, content -> cms(content, key, certificate));
      ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 16_384);
      doc.saveIncremental(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("the PDF could not be signed: " + e.getMessage(), e);
    }
  }

  /** A detached CMS signature of {@code content}, carrying the certificate. */
  private static byte[] cms(InputStream content, PrivateKey key, X509Certificate certificate)
      throws IOException {
    try {
      String algorithm =
          key.getAlgorithm().toUpperCase(Locale.ROOT).equals("EC")
              ? "SHA256withECDSA"
              : "SHA256withRSA";
      CMSSignedDataGenerator g = new CMSSignedDataGenerator();
      g.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
              .build(new JcaContentSignerBuilder(algorithm).build(key), certificate));
      g.addCertificates(new JcaCertStore(List.of(certificate)));
      return g.generate(new CMSProcessableByteArray(content.readAllBytes()), false).getEncoded();
    } catch (GeneralSecurityException | OperatorCreationException | CMSException e) {
      throw new IOException("the signature could not be made: " + e.getMessage(), e);
    }
  }

  /** The certificate's common name (the signer a PDF reader shows), else its whole subject. */
  static String commonName(X509Certificate certificate) {
    String subject = certificate.getSubjectX500Principal().getName();
    try {
      for (Rdn rdn : new LdapName(subject).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException e) {
      return subject;
    }
    return subject;
  }
}
