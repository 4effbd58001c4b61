package org.trucewatch.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.trucewatch.server.Monitor;
import org.trucewatch.server.Webhooks;
import org.trucewatch.sources.terms.TermsException;
import org.trucewatch.store.Store;
import picocli.CommandLine;
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

  @Option(
      names = "--webhook",
      paramLabel = "URL",
      description =
          "Posts an alert (JSON) to URL after each assessment that states the figures of report"
              + " days for the first time or revises them (repeatable)")
  List<String> webhooks = new ArrayList<>();

  @Option(
      names = "--webhook-secret-file",
      paramLabel = "FILE",
      description =
          "Signs each alert with the key in FILE (HMAC-SHA256, header X-TruceWatch-Signature)")
  Path webhookSecret;

  @Override
  public Integer call() throws Exception {
    if (terms != null) {
      PathChecks.inputFile(terms);
    }
    Optional<Webhooks> alerts = webhooks();
    Store store = Serving.open(storeOption.db);
    Monitor monitor = Serving.monitor(store);
    alerts.ifPresent(monitor::listen);
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
      store.close();
      alerts.ifPresent(Webhooks::close);
      throw new InputFailure(e.getMessage(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    List<String> notes =
        alerts.isEmpty()
            ? List.of()
            : List.of(
                "  alerts to:       "
                    + String.join(", ", webhooks)
                    + (webhookSecret == null ? "" : " (signed)"));
    Serving.serve(monitor, http.options(), out, notes, () -> alerts.ifPresent(Webhooks::close));
    return 0;
  }

  /** The alerts that --webhook asks for, checked before anything is opened. */
  private Optional<Webhooks> webhooks() throws java.io.IOException {
    if (webhooks.isEmpty()) {
      if (webhookSecret != null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--webhook-secret-file needs --webhook URL");
      }
      return Optional.empty();
    }
    List<URI> urls = new ArrayList<>();
    for (String w : webhooks) {
      try {
        URI u = new URI(w);
        Webhooks.checkUrl(u);
        urls.add(u);
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--webhook "
                + w
                + ": "
                + (e instanceof URISyntaxException ? "not a URL" : e.getMessage()));
      }
    }
    Optional<String> secret = Optional.empty();
    if (webhookSecret != null) {
      PathChecks.inputFile(webhookSecret);
      String key = Files.readString(webhookSecret, StandardCharsets.UTF_8).strip();
      if (key.isEmpty()) {
        throw new InputFailure(webhookSecret + ": is empty; the webhook secret file holds the key");
      }
      secret = Optional.of(key);
    }
    return Optional.of(new Webhooks(new Webhooks.Settings(urls, secret)));
  }
}
