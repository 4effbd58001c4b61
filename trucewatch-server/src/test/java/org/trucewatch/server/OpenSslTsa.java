package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A time-stamp authority (RFC 3161 over HTTP) for the tests, as none is reachable here: OpenSSL's
 * own ({@code openssl ts -reply}, which shares no code with Bouncy Castle) answers each query with
 * a key and certificate made for it (issued from a root made for it too), behind a small HTTP
 * server. {@link #refuse} makes it answer HTTP 503 instead, as an authority that is down, and
 * {@link #holdNext} keeps a query waiting, as one that is slow. Outside CI without openssl, a test
 * that makes one is skipped.
 */
public final class OpenSslTsa implements AutoCloseable {
  private final String openssl;
  private final Path dir;
  private final Javalin http;
  private volatile boolean refusing;
  private final AtomicReference<Hold> held = new AtomicReference<>();

  /** An authority whose files are kept in {@code dir}, with the certificate of {@code name}. */
  public OpenSslTsa(Path dir, String name) throws Exception {
    this.openssl = OperationsGuideTest.need("openssl", "openssl");
    this.dir = dir;
    // a root, as real authorities' certificates are issued from one
    run(
        openssl,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "root.key",
        "-out",
        "root.pem",
        "-days",
        "30",
        "-subj",
        "/CN=" + name + " Root",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
    run(
        openssl,
        "req",
        "-new",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "tsa.key",
        "-out",
        "tsa.csr",
        "-subj",
        "/CN=" + name);
    Files.writeString(
        dir.resolve("tsa.ext"),
        "basicConstraints=CA:FALSE\n"
            + "keyUsage=critical,digitalSignature\n"
            + "extendedKeyUsage=critical,timeStamping\n",
        StandardCharsets.US_ASCII);
    run(
        openssl,
        "x509",
        "-req",
        "-in",
        "tsa.csr",
        "-CA",
        "root.pem",
        "-CAkey",
        "root.key",
        "-set_serial",
        "2",
        "-days",
        "30",
        "-extfile",
        "tsa.ext",
        "-out",
        "tsa.pem");
    Files.writeString(dir.resolve("serial"), "01\n", StandardCharsets.US_ASCII);
    Files.writeString(
        dir.resolve("tsa.cnf"),
        String.join(
            "\n",
            "[ tsa ]",
            "default_tsa = tsa_config1",
            "[ tsa_config1 ]",
            "dir = " + dir,
            "serial = $dir/serial",
            "crypto_device = builtin",
            "signer_cert = $dir/tsa.pem",
            // the token carries the signer's certificate and these
            "certs = $dir/root.pem",
            "signer_key = $dir/tsa.key",
            "signer_digest = sha256",
            "default_policy = 1.2.3.4.1",
            "other_policies = 1.2.3.4.5",
            "digests = sha256, sha384, sha512",
            "accuracy = secs:1",
            "ordering = yes",
            "tsa_name = yes",
            "ess_cert_id_chain = no",
            "ess_cert_id_alg = sha256",
            ""),
        StandardCharsets.US_ASCII);
    this.http =
        Javalin.create(
                c ->
                    c.routes.post(
                        "/",
                        ctx -> {
                          Hold h = held.getAndSet(null);
                          if (h != null) {
                            h.arrived().countDown();
                            assertThat(h.released().await(2, TimeUnit.MINUTES)).isTrue();
                          }
                          if (refusing) {
                            ctx.status(503).result("down");
                            return;
                          }
                          ctx.contentType("application/timestamp-reply")
                              .result(reply(ctx.bodyAsBytes()));
                        }))
            .start("127.0.0.1", 0);
  }

  /** Where it takes queries. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + http.port() + "/");
  }

  /** Its certificate, in PEM. */
  public Path certificate() {
    return dir.resolve("tsa.pem");
  }

  /** The root its certificate is issued from, in PEM (its stamps carry both). */
  public Path root() {
    return dir.resolve("root.pem");
  }

  /** From now on, whether it answers 503 rather than stamping. */
  public void refuse(boolean refuse) {
    this.refusing = refuse;
  }

  /**
   * A query held before it is answered: {@code arrived} counts down when it comes, and it is
   * answered once {@code released} counts down.
   */
  public record Hold(CountDownLatch arrived, CountDownLatch released) {}

  /** The next query waits to be answered until the hold returned is released. */
  public Hold holdNext() {
    Hold h = new Hold(new CountDownLatch(1), new CountDownLatch(1));
    held.set(h);
    return h;
  }

  /** OpenSSL's reply to {@code query}; one at a time, as they share the serial file. */
  private synchronized byte[] reply(byte[] query) throws Exception {
    Files.write(dir.resolve("query.tsq"), query);
    run(
        openssl,
        "ts",
        "-reply",
        "-config",
        "tsa.cnf",
        "-queryfile",
        "query.tsq",
        "-out",
        "reply.tsr");
    return Files.readAllBytes(dir.resolve("reply.tsr"));
  }

  /** Runs {@code command} in the authority's folder; its output when it succeeds. */
  String run(String... command) throws Exception {
    Process p =
        new ProcessBuilder(List.of(command))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    return out;
  }

  /** The {@code openssl} it runs. */
  String openssl() {
    return openssl;
  }

  @Override
  public void close() {
    http.stop();
  }
}
