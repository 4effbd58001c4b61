package org.trucewatch.server;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a time-stamp authority (RFC 3161, over HTTP) to stamp the signature of a report's PDF: the
 * authority, not the mission's server, then vouches for when the PDF was signed, and the stamp
 * keeps that provable after the mission's certificate has expired. The request carries the SHA-256
 * of the signature value, a fresh nonce and asks for the authority's certificate; the answer is
 * checked against the request (status granted, the same imprint and nonce), and, when the mission
 * names the authorities it trusts, its authority's certificate against those, before its token is
 * used. An authority that does not answer, or answers otherwise, leaves the PDF signed without a
 * stamp: the failure is logged and counted, and a report is not withheld for it.
 */
public final class TimeStamps implements PdfSignature.Stamper {
  private static final Logger LOG = LoggerFactory.getLogger(TimeStamps.class);

  /** How long a request to the authority may take, connection included. */
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final URI authority;
  private final List<X509Certificate> trusted;
  private final HttpClient http;
  private final SecureRandom random = new SecureRandom();
  private final AtomicLong stamped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  /** The authority at {@code authority}, an http or https URL, whichever certificate it has. */
  public TimeStamps(URI authority) {
    this(authority, List.of());
  }

  /**
   * The authority at {@code authority}, whose stamps are taken only when its certificate is one of
   * {@code trusted} or issued from one ({@link PdfSignature#untrusted}): those the mission
   * publishes, against which readers check with {@code verify-pdf --tsa-trust}. None: any.
   */
  public TimeStamps(URI authority, List<X509Certificate> trusted) {
    this.authority = authority;
    this.trusted = List.copyOf(trusted);
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The authority's URL. */
  public URI authority() {
    return authority;
  }

  /** The certificates its stamps must chain to; empty when any is taken. */
  public List<X509Certificate> trusted() {
    return trusted;
  }

  /** How many signatures it stamped, and how many it did not, since the server started. */
  long stamped() {
    return stamped.get();
  }

  long failed() {
    return failed.get();
  }

  @Override
  public Optional<byte[]> stamp(byte[] signature) {
    try {
      byte[] token = token(signature);
      stamped.incrementAndGet();
      return Optional.of(token);
    } catch (IOException e) {
      failed.incrementAndGet();
      LOG.warn("the PDF is signed without a time-stamp: {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** The DER of the authority's time-stamp token over {@code signature}. */
  byte[] token(byte[] signature) throws IOException {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
    TimeStampRequestGenerator g = new TimeStampRequestGenerator();
    g.setCertReq(true);
    TimeStampRequest request = g.generate(TSPAlgorithms.SHA256, digest, new BigInteger(63, random));
    HttpResponse<byte[]> answer;
    try {
      answer =
          http.send(
              HttpRequest.newBuilder(authority)
                  .timeout(TIMEOUT)
                  .header("Content-Type", "application/timestamp-query")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded()))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("the time-stamp authority " + authority + " was not waited for", e);
    } catch (IOException e) {
      throw new IOException(
          "the time-stamp authority " + authority + " did not answer (" + e + ")", e);
    }
    if (answer.statusCode() != 200) {
      throw new IOException(
          "the time-stamp authority " + authority + " answered HTTP " + answer.statusCode());
    }
    byte[] der;
    PdfSignature.Stamp stamp;
    try {
      TimeStampResponse response = new TimeStampResponse(answer.body());
      // the status is granted, and the token is of this imprint and nonce
      response.validate(request);
      TimeStampToken token = response.getTimeStampToken();
      if (token == null) {
        throw new TSPException(
            "status "
                + response.getStatus()
                + (response.getStatusString() == null ? "" : " " + response.getStatusString())
                + ", no time-stamp token");
      }
      der = token.getEncoded();
      stamp = trusted.isEmpty() ? null : PdfSignature.stamp(der, signature);
    } catch (GeneralSecurityException
        | org.bouncycastle.cms.CMSException
        | org.bouncycastle.operator.OperatorCreationException
        | TSPException
        | IOException
        | RuntimeException e) {
      throw new IOException(
          "the time-stamp authority " + authority + " answered no usable stamp: " + e.getMessage(),
          e);
    }
    Optional<String> why =
        stamp == null ? Optional.empty() : PdfSignature.untrusted(stamp, trusted);
    if (why.isPresent()) {
      throw new IOException(
          "the time-stamp authority "
              + authority
              + " answered a stamp of an authority not trusted (--tsa-trust): "
              + why.get());
    }
    return der;
  }
}
