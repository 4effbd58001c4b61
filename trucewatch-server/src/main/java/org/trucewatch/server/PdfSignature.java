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
public final class PdfSignature {
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

  /**
   * What a PDF's signature says, as {@link #verify} finds it.
   *
   * @param problem why the PDF is not as signed (not signed, changed, bytes added after the
   *     signature), or null when it is
   * @param certificate the certificate the signature carries, or null when there is none
   * @param fingerprint that certificate's SHA-256 fingerprint (AB:CD:…), or null
   * @param signed when the signature says it was made, or null
   */
  public record Verification(
      String problem, X509Certificate certificate, String fingerprint, Instant signed) {
    /** Whether the whole file is as its signer signed it (whoever that is). */
    public boolean holds() {
      return problem == null;
    }
  }

  /**
   * Checks the signature of {@code pdf}: that it has one, that the signature holds over the bytes
   * it covers, and that those are the whole file (a PDF may be changed by an update appended after
   * the signature, which the signature does not cover). Who signed is for the caller to judge, by
   * the certificate's fingerprint: any key can sign.
   */
  public static Verification verify(byte[] pdf) {
    PDSignature s;
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      List<PDSignature> all = doc.getSignatureDictionaries();
      if (all.isEmpty()) {
        return new Verification("is not signed", null, null, null);
      }
      // the signature that covers the most: the one made last
      s = all.get(0);
      for (PDSignature other : all) {
        if (covered(other) > covered(s)) {
          s = other;
        }
      }
    } catch (IOException e) {
      return new Verification(
          "is not a PDF that can be read (" + e.getMessage() + ")", null, null, null);
    }
    try {
      int[] range = s.getByteRange();
      org.bouncycastle.asn1.cms.ContentInfo info;
      // the signature's room is padded with zeros after its encoding, which is read alone
      try (org.bouncycastle.asn1.ASN1InputStream in =
          new org.bouncycastle.asn1.ASN1InputStream(s.getContents(pdf))) {
        info = org.bouncycastle.asn1.cms.ContentInfo.getInstance(in.readObject());
      }
      org.bouncycastle.cms.CMSSignedData cms =
          new org.bouncycastle.cms.CMSSignedData(
              new CMSProcessableByteArray(s.getSignedContent(pdf)), info);
      org.bouncycastle.cms.SignerInformation signer =
          cms.getSignerInfos().getSigners().iterator().next();
      java.util.Iterator<?> found = cms.getCertificates().getMatches(signer.getSID()).iterator();
      if (!found.hasNext()) {
        return new Verification("carries no certificate of its signer", null, null, null);
      }
      org.bouncycastle.cert.X509CertificateHolder holder =
          (org.bouncycastle.cert.X509CertificateHolder) found.next();
      X509Certificate certificate =
          new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(holder);
      String fingerprint = fingerprint(certificate);
      Instant signed = s.getSignDate() == null ? null : s.getSignDate().toInstant();
      boolean holds;
      try {
        holds =
            signer.verify(
                new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder().build(holder));
      } catch (org.bouncycastle.cms.CMSSignerDigestMismatchException e) {
        holds = false;
      }
      String problem = null;
      if (!holds) {
        problem = "has changed since it was signed: the signature does not hold";
      } else if (range.length != 4 || range[0] != 0 || (long) range[2] + range[3] != pdf.length) {
        long after = pdf.length - ((long) range[2] + range[3]);
        problem =
            "has "
                + after
                + (after == 1 ? " byte" : " bytes")
                + " after what the signature covers (an update made after signing)";
      }
      return new Verification(problem, certificate, fingerprint, signed);
    } catch (IOException
        | GeneralSecurityException
        | CMSException
        | OperatorCreationException
        | RuntimeException e) {
      return new Verification(
          "has a signature that cannot be read (" + e.getMessage() + ")", null, null, null);
    }
  }

  /** Up to which byte {@code s} covers the file. */
  private static long covered(PDSignature s) {
    int[] range = s.getByteRange();
    return range.length == 4 ? (long) range[2] + range[3] : 0;
  }

  /** {@code certificate}'s SHA-256 fingerprint, as {@code keytool -list} prints it (AB:CD:…). */
  public static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
    byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    return java.util.HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
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
