package org.trucewatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.trucewatch.server.Alerts;
import org.trucewatch.server.Backups;
import org.trucewatch.server.CapPush;
import org.trucewatch.server.CapSigner;
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
              + " /health; a browser asks for the token as the password")
  boolean privateReads;

  @Option(
      names = "--cap-keystore",
      paramLabel = "FILE",
      description =
          "Signs each CAP message (XML signature) with the key and certificate of this PKCS #12"
              + " keystore (keytool -genkeypair -storetype PKCS12); needs"
              + " --cap-keystore-password-file")
  Path capKeystore;

  @Option(
      names = "--cap-keystore-password-file",
      paramLabel = "FILE",
      description = "The --cap-keystore's password: the file's first line")
  Path capPasswordFile;

  List<java.net.URI> capPush = List.of();

  @Option(
      names = "--cap-push",
      paramLabel = "URL",
      description =
          "Posts the CAP messages of the store's log (Alert, Update, Cancel; signed with"
              + " --cap-keystore) to the alerting hub at URL in the order issued, from where the"
              + " last push to it stopped (repeatable); a URL ending #sector=ID or #oblast=CODE"
              + " gives the hub only the messages of that area; --public-url gives their web links")
  void capPush(List<String> values) {
    List<java.net.URI> checked = new ArrayList<>();
    for (String value : values) {
      checked.add(
          Mixin.uri(
              spec.commandLine(),
              "--cap-push",
              value,
              org.trucewatch.server.Webhooks::checkReceiver));
    }
    capPush = List.copyOf(checked);
  }

  @Option(
      names = "--backup-dir",
      paramLabel = "DIR",
      description =
          "Backs up the embedded store into DIR while serving: at start and then daily, keeping"
              + " the newest 14 (trucewatch restore makes a store of one)")
  Path backupDir;

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
    if ((capKeystore == null) != (capPasswordFile == null)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--cap-keystore and --cap-keystore-password-file go together");
    }
    CapSigner signer = null;
    if (capKeystore != null) {
      PathChecks.inputFile(capKeystore);
      PathChecks.inputFile(capPasswordFile);
      try {
        signer = CapSigner.load(capKeystore, capPasswordFile);
      } catch (IllegalArgumentException e) {
        throw new InputFailure(e.getMessage(), e);
      }
    }
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
    PrintWriter out = spec.commandLine().getOut();
    List<String> notes = new ArrayList<>();
    alerts.forEach(a -> notes.add("  alerts to:       " + a.to()));
    if (privateReads) {
      notes.add("  private:         every answer but /health needs an API token");
    }
    if (signer != null) {
      notes.add("  CAP signed by:   " + signer.describe());
      signer.expiryWarning().ifPresent(w -> notes.add("  warning:         " + w));
    }
    if (backedUp != null) {
      notes.add("  backups:         " + backupDir + " (at start, then daily; the newest 14 kept)");
    }
    Serving.serve(
        monitor,
        http.options().withPrivateReads(privateReads).withCapSigner(signer).withBackups(backedUp),
        out,
        notes,
        () -> {
          if (backedUp != null) {
            backedUp.close();
          }
          alerts.forEach(a -> a.alerts().close());
        });
    return 0;
  }
}
