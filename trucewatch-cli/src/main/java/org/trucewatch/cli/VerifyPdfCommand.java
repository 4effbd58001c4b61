package org.trucewatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.trucewatch.server.PdfSignature;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code verify-pdf}: checks that a report's PDF is the mission's and unchanged. */
@Command(
    name = "verify-pdf",
    mixinStandardHelpOptions = true,
    description = {
      "Checks the signature of a report's PDF, as the server signs them (serve --cap-keystore):"
          + " that the whole file is as signed, and, with --fingerprint or --certificate, that the"
          + " mission's key signed it. Prints who signed each file and when, and the time-stamp"
          + " authority that vouches for when (serve --tsa), checked against the signature, and,"
          + " with --tsa-trust, that the mission's authority stamped it; exit code 1 when a file"
          + " is not signed, has changed since, was signed by another key, carries a time-stamp"
          + " that does not hold, or lacks one of an authority given."
    })
final class VerifyPdfCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "PDFs to check")
  List<Path> files;

  /** The mission's certificate, as the mission publishes it. */
  static final class Pin {
    @Option(
        names = "--fingerprint",
        paramLabel = "SHA256",
        description =
            "The SHA-256 fingerprint of the mission's certificate, as serve prints it and the"
                + " mission publishes it (AB:CD:…; colons and case do not matter)")
    String fingerprint;

    @Option(
        names = "--certificate",
        paramLabel = "FILE",
        description = "The mission's certificate in PEM, as /alerts/cap-certificate.pem serves it")
    Path certificate;
  }

  @ArgGroup(exclusive = true)
  Pin pin;

  @Option(
      names = "--tsa-trust",
      paramLabel = "FILE",
      description =
          "Certificates in PEM of the time-stamp authorities the mission publishes it uses, or of"
              + " the roots they are issued from (repeatable; a file may hold several): each PDF"
              + " must then carry a time-stamp of one of them")
  List<Path> tsaTrust = List.of();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String pinned = pinned();
    List<X509Certificate> authorities = certificates("--tsa-trust", tsaTrust);
    int failed = 0;
    for (Path file : files) {
      byte[] pdf;
      try {
        pdf = Files.readAllBytes(file);
      } catch (IOException e) {
        err.println("error: " + file + ": cannot be read: " + e.getMessage());
        failed++;
        continue;
      }
      PdfSignature.Verification v = PdfSignature.verify(pdf);
      Optional<String> untrusted =
          authorities.isEmpty() || v.stamp() == null
              ? Optional.empty()
              : PdfSignature.untrusted(v.stamp(), authorities);
      String signer =
          v.certificate() == null
              ? ""
              : v.certificate().getSubjectX500Principal().getName()
                  + " (SHA-256 "
                  + v.fingerprint()
                  + ")"
                  + (v.signed() == null ? "" : " at " + v.signed())
                  + (v.stamp() == null
                      ? ""
                      : ", time-stamped at "
                          + v.stamp().at()
                          + " by "
                          + v.stamp().certificate().getSubjectX500Principal().getName()
                          + " (SHA-256 "
                          + v.stamp().fingerprint()
                          + ")");
      if (!v.holds()) {
        err.println(
            "error: "
                + file
                + ": "
                + v.problem()
                + (signer.isEmpty() ? "" : "; signed by " + signer));
        failed++;
      } else if (pinned != null && !pinned.equals(normal(v.fingerprint()))) {
        err.println(
            "error: "
                + file
                + ": signed by "
                + signer
                + ", not with the certificate given (SHA-256 "
                + String.join(":", pinned.split("(?<=\\G..)"))
                + ")");
        failed++;
      } else if (!authorities.isEmpty() && v.stamp() == null) {
        err.println(
            "error: "
                + file
                + ": signed by "
                + signer
                + ", with no time-stamp, where --tsa-trust asks for one");
        failed++;
      } else if (untrusted.isPresent()) {
        err.println(
            "error: "
                + file
                + ": signed by "
                + signer
                + ", by a time-stamp authority not given with --tsa-trust: "
                + untrusted.get());
        failed++;
      } else {
        out.println(
            file
                + ": signed by "
                + signer
                + ", unchanged since"
                + (pinned == null ? "" : ", with the certificate given")
                + (authorities.isEmpty() ? "" : ", time-stamped by an authority given")
                + (pinned == null
                    ? "; compare the fingerprint with the one the mission publishes"
                        + " (--fingerprint)"
                    : ""));
      }
    }
    out.flush();
    if (failed > 0) {
      throw new InputFailure(failed + " of " + files.size() + " files not verified");
    }
    return 0;
  }

  /** The pinned fingerprint, normalised, or null when none is given. */
  private String pinned() {
    if (pin == null) {
      return null;
    }
    if (pin.certificate != null) {
      try (var in = Files.newInputStream(pin.certificate)) {
        X509Certificate c =
            (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        pin.fingerprint = PdfSignature.fingerprint(c);
      } catch (IOException | GeneralSecurityException | ClassCastException e) {
        throw new InputFailure(
            "--certificate " + pin.certificate + ": is not a certificate in PEM: " + e.getMessage(),
            e);
      }
    }
    String f = normal(pin.fingerprint);
    if (!f.matches("[0-9A-F]{64}")) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "--fingerprint must be a SHA-256 fingerprint, 64 hexadecimal digits with or without"
              + " colons, was "
              + pin.fingerprint);
    }
    return f;
  }

  /** Every certificate in PEM of each of {@code files}, given with {@code option}. */
  static List<X509Certificate> certificates(String option, List<Path> files) {
    List<X509Certificate> all = new java.util.ArrayList<>();
    for (Path file : files) {
      try (var in = Files.newInputStream(file)) {
        int before = all.size();
        for (java.security.cert.Certificate c :
            CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          all.add((X509Certificate) c);
        }
        if (all.size() == before) {
          throw new java.security.cert.CertificateException("it holds no certificate");
        }
      } catch (IOException | GeneralSecurityException | ClassCastException e) {
        throw new InputFailure(
            option + " " + file + ": is not a certificate in PEM: " + e.getMessage(), e);
      }
    }
    return all;
  }

  private static String normal(String fingerprint) {
    return fingerprint.replace(":", "").toUpperCase(Locale.ROOT);
  }
}
