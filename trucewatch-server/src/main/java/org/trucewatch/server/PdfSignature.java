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
import java.util.Optional;
import java.util.TimeZone;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationStore;
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

  /**
   * The room kept in the file for a signature that carries a time-stamp token (the authority's
   * certificates with it), in bytes; PDFBox's default, some 9 KB, is kept for one without.
   */
  static final int STAMPED_ROOM = 24_576;

  private PdfSignature() {}

  /**
   * Time-stamps a signature: the DER of an RFC 3161 time-stamp token over the signature value, or
   * empty when none could be had ({@link TimeStamps}).
   */
  @FunctionalInterface
  public interface Stamper {
    Optional<byte[]> stamp(byte[] signature);
  }

  /**
   * {@code pdf} signed with {@code key}, whose certificate is {@code certificate}, at {@code when}.
   */
  static byte[] sign(byte[] pdf, PrivateKey key, X509Certificate certificate, Instant when) {
    return sign(pdf, key, certificate, when, null);
  }

  /**
   * {@code pdf} signed as {@link #sign(byte[], PrivateKey, X509Certificate, Instant)} does, the
   * signature time-stamped by {@code stamper} (an unsigned attribute of the signer, {@code
   * id-aa-signatureTimeStampToken}, as PDF readers and PAdES take it) when it gives a stamp; null
   * for none.
   */
  static byte[] sign(
      byte[] pdf, PrivateKey key, X509Certificate certificate, Instant when, Stamper stamper) {
    try (PDDocument doc = Loader.loadPDF(pdf);
        SignatureOptions options = new SignatureOptions()) {
      PDSignature s = new PDSignature();
      s.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
      s.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
      s.setName(commonName(certificate));
      s.setReason(REASON);
      Calendar c = Calendar.getInstance(TimeZone.getTimeZone("UTC"), Locale.ROOT);
      c.setTimeInMillis(when.toEpochMilli());
      s.setSignDate(c);
      if (stamper != null) {
        options.setPreferredSignatureSize(STAMPED_ROOM);
      }
      doc.addSignature(s, content -> cms(content, key, certificate, stamper), options);
      ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + 16_384);
      doc.saveIncremental(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("the PDF could not be signed: " + e.getMessage(), e);
    }
  }

  /**
   * A detached CMS signature of {@code content}, carrying the certificate, and the time-stamp of
   * its signature value that {@code stamper} gives, if any.
   */
  private static byte[] cms(
      InputStream content, PrivateKey key, X509Certificate certificate, Stamper stamper)
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
      CMSSignedData signed = g.generate(new CMSProcessableByteArray(content.readAllBytes()), false);
      if (stamper != null) {
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        Optional<byte[]> token = stamper.stamp(signer.getSignature());
        if (token.isPresent()) {
          ASN1EncodableVector attributes = new ASN1EncodableVector();
          attributes.add(
              new Attribute(
                  PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                  new DERSet(ASN1Primitive.fromByteArray(token.get()))));
          signed =
              CMSSignedData.replaceSigners(
                  signed,
                  new SignerInformationStore(
                      SignerInformation.replaceUnsignedAttributes(
                          signer, new AttributeTable(attributes))));
        }
      }
      return signed.getEncoded();
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
   * @param stamp the time-stamp of the signature, when it carries one that holds, or null
   */
  public record Verification(
      String problem,
      X509Certificate certificate,
      String fingerprint,
      Instant signed,
      Stamp stamp) {
    /** Whether the whole file is as its signer signed it (whoever that is). */
    public boolean holds() {
      return problem == null;
    }
  }

  /**
   * A time-stamp authority's word (RFC 3161) that a signature existed at {@code at}: the
   * authority's certificate, as the stamp carries it, and its SHA-256 fingerprint. Who the
   * authority is, and whether to trust it, is for the reader to judge, as with the signer, by its
   * fingerprint or by {@link #untrusted}.
   *
   * @param carried the certificates the stamp carries (the authority's, and any that issued it)
   */
  public record Stamp(
      Instant at, X509Certificate certificate, String fingerprint, List<X509Certificate> carried) {
    public Stamp {
      carried = List.copyOf(carried);
    }
  }

  /**
   * Why {@code stamp}'s authority is not one of {@code trusted}, or empty when it is: when its
   * certificate is one of them, or chains to one of them through the certificates the stamp carries
   * (PKIX, as of the time stamped; revocation is not checked, as no list or responder need be
   * reachable). {@code trusted} are the certificates the mission publishes: the authority's own, or
   * the root it is issued from.
   */
  public static Optional<String> untrusted(
      Stamp stamp, java.util.Collection<X509Certificate> trusted) {
    if (trusted.contains(stamp.certificate())) {
      return Optional.empty();
    }
    try {
      java.util.Set<java.security.cert.TrustAnchor> anchors = new java.util.HashSet<>();
      for (X509Certificate c : trusted) {
        anchors.add(new java.security.cert.TrustAnchor(c, null));
      }
      java.security.cert.X509CertSelector target = new java.security.cert.X509CertSelector();
      target.setCertificate(stamp.certificate());
      java.security.cert.PKIXBuilderParameters p =
          new java.security.cert.PKIXBuilderParameters(anchors, target);
      p.setRevocationEnabled(false);
      p.setDate(java.util.Date.from(stamp.at()));
      p.addCertStore(
          java.security.cert.CertStore.getInstance(
              "Collection", new java.security.cert.CollectionCertStoreParameters(stamp.carried())));
      java.security.cert.CertPathBuilder.getInstance("PKIX").build(p);
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      return Optional.of(
          "its certificate does not chain to those trusted (" + e.getMessage() + ")");
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
        return new Verification("is not signed", null, null, null, null);
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
          "is not a PDF that can be read (" + e.getMessage() + ")", null, null, null, null);
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
        return new Verification("carries no certificate of its signer", null, null, null, null);
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
      Stamp stamp = null;
      org.bouncycastle.asn1.cms.AttributeTable unsigned = signer.getUnsignedAttributes();
      Attribute token =
          unsigned == null
              ? null
              : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
      if (problem == null && token != null) {
        try {
          stamp =
              stamp(
                  token.getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded(),
                  signer.getSignature());
        } catch (IOException
            | GeneralSecurityException
            | CMSException
            | OperatorCreationException
            | org.bouncycastle.tsp.TSPException
            | RuntimeException e) {
          problem = "has a time-stamp that does not hold (" + e.getMessage() + ")";
        }
      }
      return new Verification(problem, certificate, fingerprint, signed, stamp);
    } catch (IOException
        | GeneralSecurityException
        | CMSException
        | OperatorCreationException
        | RuntimeException e) {
      return new Verification(
          "has a signature that cannot be read (" + e.getMessage() + ")", null, null, null, null);
    }
  }

  /**
   * The time-stamp token {@code token} (DER), checked: it is of {@code signature} (its imprint),
   * and its authority's certificate, which it carries, signed it, may stamp time and was valid
   * then.
   */
  static Stamp stamp(byte[] token, byte[] signature)
      throws IOException,
          GeneralSecurityException,
          CMSException,
          OperatorCreationException,
          org.bouncycastle.tsp.TSPException {
    org.bouncycastle.tsp.TimeStampToken t =
        new org.bouncycastle.tsp.TimeStampToken(new CMSSignedData(token));
    org.bouncycastle.tsp.TimeStampTokenInfo info = t.getTimeStampInfo();
    org.bouncycastle.operator.DigestCalculator digest =
        new JcaDigestCalculatorProviderBuilder().build().get(info.getHashAlgorithm());
    digest.getOutputStream().write(signature);
    digest.getOutputStream().close();
    if (!java.security.MessageDigest.isEqual(digest.getDigest(), info.getMessageImprintDigest())) {
      throw new GeneralSecurityException("it is of other bytes than this signature");
    }
    java.util.Iterator<?> found = t.getCertificates().getMatches(t.getSID()).iterator();
    if (!found.hasNext()) {
      throw new GeneralSecurityException("it carries no certificate of its authority");
    }
    org.bouncycastle.cert.X509CertificateHolder holder =
        (org.bouncycastle.cert.X509CertificateHolder) found.next();
    // the authority's signature, its certificate's use for time-stamping and validity then
    t.validate(new org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder().build(holder));
    org.bouncycastle.cert.jcajce.JcaX509CertificateConverter converter =
        new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter();
    X509Certificate certificate = converter.getCertificate(holder);
    List<X509Certificate> carried = new java.util.ArrayList<>();
    for (Object c : t.getCertificates().getMatches(null)) {
      carried.add(converter.getCertificate((org.bouncycastle.cert.X509CertificateHolder) c));
    }
    return new Stamp(info.getGenTime().toInstant(), certificate, fingerprint(certificate), carried);
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
