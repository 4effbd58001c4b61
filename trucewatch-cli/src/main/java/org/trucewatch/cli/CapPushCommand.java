package org.trucewatch.cli;

import java.net.URI;
import java.util.concurrent.Callable;
import org.trucewatch.server.CapPush;
import org.trucewatch.server.Webhooks;
import org.trucewatch.store.Rows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cap-push}: where the pushes of CAP messages to hubs ({@code serve --cap-push}) stand in
 * the store's log, and forgetting a hub's place.
 */
@Command(
    name = "cap-push",
    mixinStandardHelpOptions = true,
    description =
        "Shows how far along the store's log of CAP messages each hub that serve --cap-push posts"
            + " to has been given them, and forgets a hub's place.",
    subcommands = {CapPushCommand.ListHubs.class, CapPushCommand.Forget.class})
final class CapPushCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required");
  }

  /** {@code cap-push list}: each hub, its place in the log, how far behind, since when. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "Lists each hub pushed to (its URL without user, password or query), the number of the"
              + " last message of the log it was given or passed over, how many messages of the"
              + " log come after it, and when its place was last recorded.")
  static final class ListHubs implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin Mixin.StoreOption storeOption = new Mixin.StoreOption();

    @Override
    public Integer call() {
      return TokenCommand.onStore(
          spec,
          storeOption,
          store -> {
            long end = store.alertLogEnd();
            StringBuilder sb = new StringBuilder("hub\tplace\tbehind\trecorded");
            for (Rows.AlertPush p : store.alertPushes()) {
              sb.append(System.lineSeparator())
                  .append(p.hub())
                  .append('\t')
                  .append(p.seq())
                  .append('\t')
                  .append(Math.max(0, end - p.seq()))
                  .append('\t')
                  .append(p.at());
            }
            return sb.toString();
          });
    }
  }

  /** {@code cap-push forget URL}: the next push to the hub starts at the end of the log. */
  @Command(
      name = "forget",
      mixinStandardHelpOptions = true,
      description = {
        "Forgets the place of the hub at URL in the log, so that the next serve --cap-push URL"
            + " starts it at the end of the log rather than giving it every message since it was"
            + " last pushed to (a hub long gone, say)."
      })
  static final class Forget implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "URL", description = "The hub's URL, as given to serve --cap-push")
    String url;

    @picocli.CommandLine.Mixin Mixin.StoreOption storeOption = new Mixin.StoreOption();

    @Override
    public Integer call() {
      URI hub = Mixin.uri(spec.commandLine(), "URL", url, Webhooks::checkUrl);
      return TokenCommand.onStore(
          spec,
          storeOption,
          store -> {
            if (!store.forgetAlertPush(CapPush.key(hub))) {
              throw new IllegalArgumentException(
                  "no push to "
                      + CapPush.shown(hub)
                      + " is recorded; cap-push list names those that are (the URL must be as"
                      + " given to serve --cap-push)");
            }
            return "the place of "
                + CapPush.shown(hub)
                + " is forgotten: the next push to it starts at the end of the log";
          });
    }
  }
}
