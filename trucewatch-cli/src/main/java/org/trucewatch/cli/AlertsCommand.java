package org.trucewatch.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.trucewatch.server.CapPush;
import org.trucewatch.server.MailAlerts;
import org.trucewatch.server.Webhooks;
import org.trucewatch.store.Rows;
import org.trucewatch.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code alerts}: where each receiver of alerts (a CAP hub, a webhook, an e-mail address) stands in
 * the store's log it follows, and forgetting a receiver's place.
 */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description =
        "Shows how far along the store's logs each receiver of alerts has been given them (the"
            + " hubs of --cap-push, the URLs of --webhook, the addresses of --mail-to), and"
            + " forgets a receiver's place, or sends each receiver a test alert.",
    subcommands = {
      AlertsCommand.ListPlaces.class,
      AlertsCommand.Forget.class,
      AlertsCommand.TestAlerts.class
    })
final class AlertsCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required");
  }

  /** {@code alerts list}: each receiver, its place in its log, how far behind, since when. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "Lists each receiver given alerts: its channel (cap: the log of CAP messages; webhook,"
              + " email: the log of statements of the days' figures), its URL without user,"
              + " password or query or its address, the number of the last entry of the log it was"
              + " given or passed over, how many entries come after it, the process that gives it"
              + " its alerts now (host:pid:random; empty when none), and when its place was last"
              + " recorded.")
  static final class ListPlaces implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin Mixin.StoreOption storeOption = new Mixin.StoreOption();

    @Override
    public Integer call() {
      return TokenCommand.onStore(
          spec,
          storeOption,
          store -> {
            long statements = store.statementLogEnd();
            Map<String, Long> ends =
                Map.of("cap", store.alertLogEnd(), "webhook", statements, "email", statements);
            StringBuilder sb =
                new StringBuilder("channel\treceiver\tplace\tbehind\tgiven_by\trecorded");
            java.time.Instant now = store.clock().instant();
            for (Rows.AlertPlace p : store.alertPlaces()) {
              boolean held = p.holder() != null && !p.heldUntil().isBefore(now);
              sb.append(System.lineSeparator())
                  .append(p.channel())
                  .append('\t')
                  .append(p.receiver())
                  .append('\t')
                  .append(p.seq())
                  .append('\t')
                  .append(Math.max(0, ends.getOrDefault(p.channel(), 0L) - p.seq()))
                  .append('\t')
                  .append(held ? p.holder() : "")
                  .append('\t')
                  .append(p.at());
            }
            return sb.toString();
          });
    }
  }

  /** {@code alerts forget RECEIVER}: the next alerts to it start at the end of the log. */
  @Command(
      name = "forget",
      mixinStandardHelpOptions = true,
      description = {
        "Forgets the place of RECEIVER in the logs it follows, so that the next alerts to a"
            + " receiver long gone start at the end of the log rather than giving it everything"
            + " since it was last given alerts."
      })
  static final class Forget implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(
        paramLabel = "RECEIVER",
        description =
            "A hub's or webhook's URL, as given to --cap-push or --webhook, or an address as given"
                + " to --mail-to (with the area after #, if it names one)")
    String receiver;

    @Option(
        names = "--channel",
        paramLabel = "CHANNEL",
        description =
            "Only the place in this channel's log: cap or webhook (for a URL given to both)")
    String channel;

    @picocli.CommandLine.Mixin Mixin.StoreOption storeOption = new Mixin.StoreOption();

    /** A channel and the key of the receiver's place in it. */
    private record Place(String channel, String key) {}

    @Override
    public Integer call() {
      List<Place> places = new ArrayList<>();
      String shown;
      if (receiver.contains("://")) {
        URI url = Mixin.uri(spec.commandLine(), "RECEIVER", receiver, Webhooks::checkReceiver);
        shown = CapPush.shown(url);
        places.add(new Place("cap", CapPush.key(url)));
        places.add(new Place("webhook", Webhooks.key(url)));
      } else {
        try {
          MailAlerts.Recipient r = MailAlerts.Recipient.of(receiver);
          shown = r.shown();
          places.add(new Place("email", MailAlerts.key(r)));
        } catch (IllegalArgumentException e) {
          throw new picocli.CommandLine.ParameterException(
              spec.commandLine(),
              "RECEIVER must be an http(s) URL or an e-mail address, either of which may end with"
                  + " #sector=ID, #oblast=CODE or both, was "
                  + receiver);
        }
      }
      if (channel != null) {
        if (places.stream().noneMatch(p -> p.channel().equals(channel))) {
          throw new picocli.CommandLine.ParameterException(
              spec.commandLine(),
              "--channel must be "
                  + String.join(" or ", places.stream().map(Place::channel).toList())
                  + " for "
                  + shown
                  + ", was "
                  + channel);
        }
        places.removeIf(p -> !p.channel().equals(channel));
      }
      return TokenCommand.onStore(spec, storeOption, store -> forget(store, places, shown));
    }

    private static String forget(Store store, List<Place> places, String shown) {
      List<String> forgotten = new ArrayList<>();
      for (Place p : places) {
        if (store.forgetAlertPlace(p.key())) {
          forgotten.add(p.channel());
        }
      }
      if (forgotten.isEmpty()) {
        throw new IllegalArgumentException(
            "no alerts to "
                + shown
                + " are recorded; alerts list names the receivers that are (give the URL or"
                + " address as given to serve or ingest)");
      }
      return "the place of "
          + shown
          + " is forgotten ("
          + String.join(", ", forgotten)
          + "): the next alerts to it start at the end of the log";
    }
  }

  /** {@code alerts test ALERTS}: one test alert to each receiver, to check the settings. */
  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description = {
        "Sends one test alert to each receiver that the alert options name, as serve and ingest"
            + " would send its alerts (signed with --webhook-secret-file; through --smtp from"
            + " --mail-from; to a CAP hub a message of status Test, signed with --cap-keystore),"
            + " once and without a store: the alert states no figures and no finding"
            + " (X-TruceWatch-Event: test). Prints each receiver and whether it took the alert;"
            + " exit code 1 when one did not."
      })
  static final class TestAlerts implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin Mixin.AlertOptions alertOptions = new Mixin.AlertOptions();

    @picocli.CommandLine.Mixin Mixin.CapOptions cap = new Mixin.CapOptions();

    @Option(
        names = "--terms",
        paramLabel = "FILE",
        description =
            "The truce terms, whose truce names the sender of the CAP messages (needed with"
                + " --cap-push)")
    java.nio.file.Path terms;

    @Override
    public Integer call() throws java.io.IOException, InterruptedException {
      if (!cap.push.isEmpty() && terms == null) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--cap-push needs --terms FILE, whose truce sends the messages");
      }
      org.trucewatch.server.CapSigner signer = cap.signer();
      List<Mixin.AlertOptions.Asked> asked =
          alertOptions.check(List.of(java.time.Duration.ZERO), !cap.push.isEmpty());
      if (asked.isEmpty() && cap.push.isEmpty()) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(),
            "alerts test needs --webhook URL, --mail-to ADDRESS or --cap-push URL");
      }
      String truce =
          terms == null ? null : Truces.load(terms, Reference.regions(null)).terms().name();
      java.time.Instant sent = Ingest.CLOCK.instant();
      List<org.trucewatch.server.Alerts.Tested> tested = new ArrayList<>();
      if (!cap.push.isEmpty()) {
        tested.addAll(CapPush.test(cap.push, signer, truce, sent));
      }
      for (Mixin.AlertOptions.Asked a : asked) {
        tested.addAll(a.test().send(sent));
      }
      StringBuilder sb = new StringBuilder("channel\treceiver\tresult");
      int failed = 0;
      for (org.trucewatch.server.Alerts.Tested t : tested) {
        failed += t.problem().isPresent() ? 1 : 0;
        sb.append(System.lineSeparator())
            .append(t.channel())
            .append('\t')
            .append(t.receiver())
            .append('\t')
            .append(t.problem().map(p -> "not taken: " + p).orElse("taken"));
      }
      spec.commandLine().getOut().println(sb);
      if (failed > 0) {
        spec.commandLine()
            .getErr()
            .println(
                "error: "
                    + failed
                    + (failed == 1 ? " receiver did not take" : " receivers did not take")
                    + " the test alert");
        return 1;
      }
      return 0;
    }
  }
}
