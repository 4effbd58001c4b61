package org.trucewatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.trucewatch.server.Alerts;
import org.trucewatch.server.Backups;
import org.trucewatch.server.CapPush;
import org.trucewatch.server.CapSigner;
import org.trucewatch.server.FirmsFetch;
import org.trucewatch.server.Monitor;
import org.trucewatch.sources.terms.TermsException;
import org.trucewatch.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code serve}: the API, OGC API - Features and the web map over a store. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description =
        "Serves the store: the web map at /, the API at /api/v1, OGC API - Features at /ogc, "
            + "the report at /reports/report.html, /health and /metrics. With --terms, the terms "
            + "(and the control map they name) are stored and the observations re-assessed.")
final class ServeCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin Mixin.StoreOption storeOption = new Mixin.StoreOption();

  @Option(names = "--terms", paramLabel = "FILE", description = "Truce terms YAML to use")
  Path terms;

  @picocli.CommandLine.Mixin Mixin.HttpOptions http = new Mixin.HttpOptions();

  @picocli.CommandLine.Mixin Mixin.AlertOptions alertOptions = new Mixin.AlertOptions();

  @Option(
      names = "--private",
      description =
          "Answers only requests that carry an API token (token create NAME --scope read), except"
              + " /health; a browser signs in with the token on the page /signin, and out at"
              + " /signout")
  boolean privateReads;

  @picocli.CommandLine.Mixin Mixin.CapOptions cap = new Mixin.CapOptions();

  @Option(
      names = "--tsa",
      paramLabel = "URL",
      description =
          "Has the signatures of the reports' PDFs time-stamped by the RFC 3161 time-stamp"
              + " authority at URL, which then vouches for when each was signed; needs"
              + " --cap-keystore")
  String tsa;

  @Option(
      names = "--tsa-trust",
      paramLabel = "FILE",
      description =
          "Certificates in PEM of the time-stamp authority, or of the root it is issued from, as"
              + " the mission publishes them for verify-pdf --tsa-trust (repeatable): a stamp of"
              + " another authority is not taken; needs --tsa")
  List<Path> tsaTrust = List.of();

  /**
   * The signer of {@code --cap-keystore}, with the authority of {@code --tsa} and the certificates
   * of {@code --tsa-trust}; checked.
   */
  private CapSigner signer() {
    java.net.URI authority =
        tsa == null ? null : Mixin.uri(spec.commandLine(), "--tsa", tsa, Mixin::webAddress);
    CapSigner signer = cap.signer();
    if (authority == null) {
      if (!tsaTrust.isEmpty()) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--tsa-trust needs --tsa: it checks the authority's stamps");
      }
      return signer;
    }
    if (signer == null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--tsa needs --cap-keystore: it time-stamps the PDFs' signatures");
    }
    return signer.withTimeStamps(
        new org.trucewatch.server.TimeStamps(
            authority, VerifyPdfCommand.certificates("--tsa-trust", tsaTrust)));
  }

  @Option(
      names = "--backup-dir",
      paramLabel = "DIR",
      description =
          "Backs up the embedded store into DIR while serving: at start and then daily, keeping"
              + " the newest 14 (trucewatch restore makes a store of one)")
  Path backupDir;

  @picocli.CommandLine.Mixin FirmsOptions firms = new FirmsOptions();

  @picocli.CommandLine.Mixin FirmsOptions.Every firmsEvery = new FirmsOptions.Every();

  /** The backups of {@code --backup-dir}, or null without it; a refusal closes what is open. */
  private Backups startBackups(Store store, List<Mixin.AlertOptions.Opened> alerts) {
    if (backupDir == null) {
      return null;
    }
    try {
      return Backups.start(store, backupDir, Backups.DAILY);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      store.close();
      alerts.forEach(a -> a.alerts().close());
      throw new InputFailure(e.getMessage(), e);
    }
  }

  @Override
  public Integer call() throws Exception {
    if (terms != null) {
      PathChecks.inputFile(terms);
    }
    http.checkAccessLog();
    java.util.Optional<FirmsFetch.Settings> firmsSettings = firms.settings(firmsEvery.every);
    CapSigner signer = signer();
    List<java.net.URI> capPush = cap.push;
    List<Mixin.AlertOptions.Asked> asked =
        alertOptions.check(Alerts.RETRY_DELAYS, !capPush.isEmpty());
    Store store = Serving.open(storeOption.db);
    List<Mixin.AlertOptions.Opened> alerts = new ArrayList<>();
    asked.forEach(a -> alerts.add(a.start(store)));
    if (!capPush.isEmpty()) {
      alerts.add(
          new Mixin.AlertOptions.Opened(
              new CapPush(
                  new CapPush.Settings(
                      capPush,
                      java.util.Optional.ofNullable(alertOptions.publicUrl),
                      privateReads,
                      signer,
                      Alerts.RETRY_DELAYS),
                  store),
              String.join(", ", capPush.stream().map(java.net.URI::toString).toList())
                  + " (CAP messages"
                  + (signer == null ? "" : ", signed")
                  + ")"));
    }
    Backups backedUp = startBackups(store, alerts);
    Monitor monitor = Serving.monitor(store);
    alerts.forEach(a -> monitor.listen(a.alerts()));
    try {
      if (terms != null) {
        monitor.useTerms(terms);
      } else if (!monitor.useStoredTerms()) {
        spec.commandLine()
            .getErr()
            .println(
                "note: the store holds no truce terms yet; observations are kept but not"
                    + " assessed until serve --terms FILE");
      }
    } catch (TermsException e) {
      if (backedUp != null) {
        backedUp.close();
      }
      // the CAP push reads the store until it is closed
      alerts.forEach(a -> a.alerts().close());
      store.close();
      throw new InputFailure(e.getMessage(), e);
    }
    FirmsFetch fetching = firmsSettings.map(f -> FirmsFetch.of(monitor, f)).orElse(null);
    PrintWriter out = spec.commandLine().getOut();
    List<String> notes = new ArrayList<>();
    alerts.forEach(a -> notes.add("  alerts to:       " + a.to()));
    if (privateReads) {
      notes.add("  private:         every answer but /health needs an API token");
    }
    if (signer != null) {
      notes.add("  signed by:       " + signer.describe() + " (CAP messages, PDFs)");
      if (signer.timeStamps() != null) {
        notes.add(
            "  time-stamped by: "
                + signer.timeStamps().authority()
                + " (the PDFs' signatures)"
                + (tsaTrust.isEmpty()
                    ? ""
                    : ", its certificate checked against "
                        + tsaTrust.stream().map(Path::toString).collect(Collectors.joining(", "))));
      }
      signer.expiryWarning().ifPresent(w -> notes.add("  warning:         " + w));
    }
    if (backedUp != null) {
      notes.add("  backups:         " + backupDir + " (at start, then daily; the newest 14 kept)");
    }
    if (fetching != null) {
      FirmsFetch.Settings f = fetching.settings();
      notes.add(
          "  FIRMS:           "
              + String.join(", ", f.sources())
              + " from "
              + f.api()
              + " (at start, then every "
              + FirmsOptions.describe(f.every())
              + "; the last "
              + f.days()
              + (f.days() == 1 ? " day" : " days")
              + " each time)");
    }
    Serving.serve(
        monitor,
        http.options()
            .withPrivateReads(privateReads)
            .withCapSigner(signer)
            .withBackups(backedUp)
            .withFirms(fetching),
        out,
        notes,
        () -> {
          // asked once the port is open: a server that cannot serve takes nothing in
          if (fetching != null) {
            fetching.start();
          }
        },
        () -> {
          if (fetching != null) {
            fetching.close();
          }
          if (backedUp != null) {
            backedUp.close();
          }
          alerts.forEach(a -> a.alerts().close());
        });
    return 0;
  }
}
