package org.trucewatch.cli;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.trucewatch.observation.Audience;
import org.trucewatch.store.Store;
import org.trucewatch.store.TokenScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code token}: API tokens, for ingest and for reading a private server. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description =
        "Manages the API tokens: ingest needs one, and so does reading from a server started with"
            + " serve --private.",
    subcommands = {
      TokenCommand.Create.class,
      TokenCommand.ListTokens.class,
      TokenCommand.Rotate.class,
      TokenCommand.Revoke.class
    })
final class TokenCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required");
  }

  /**
   * Opens the store, runs the action and prints what it returns; a refusal of the store (a name
   * taken or unknown) is an input failure.
   */
  static int onStore(
      picocli.CommandLine.Model.CommandSpec spec,
      Mixin.StoreOption storeOption,
      java.util.function.Function<Store, String> action) {
    try (Store store = Serving.open(storeOption.db)) {
      String line;
      try {
        line = action.apply(store);
      } catch (IllegalArgumentException e) {
        throw new InputFailure(e.getMessage(), e);
      }
      spec.commandLine().getOut().println(line);
      return 0;
    }
  }

  /** {@code token create NAME}: prints a new token; the store keeps only its SHA-256. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Creates an API token for NAME and prints it once; only its SHA-256 is stored.",
        "Send it as: Authorization: Bearer <token>"
      })
  static final class Create implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Who the token is for, such as liaison-fr")
    String name;

    TokenScope scope = TokenScope.INGEST;

    @Option(
        names = "--scope",
        paramLabel = "SCOPE",
        description =
            "ingest (post files, and read; the default), read (read only, from a server started"
                + " with serve --private) or review (an analyst's: post reviews of findings, and"
                + " read as the mission's staff)")
    void scope(String value) {
      try {
        scope = TokenScope.of(value);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--scope: " + e.getMessage());
      }
    }

    String member;

    @Option(
        names = "--member",
        paramLabel = "CODE",
        description =
            "the member state whose liaison holds the token (ISO 3166-1 alpha-2, such as FR): it"
                + " reads the surveillance reports released to that member state and those it"
                + " provided. Without it the token is the mission's staff's, who read every report")
    void member(String value) {
      try {
        member = Audience.member(value).member();
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--member: " + e.getMessage());
      }
    }

    Instant expires;

    @Option(
        names = "--expires",
        paramLabel = "WHEN",
        description =
            "when the token stops working: a time with its offset (2025-10-15T18:00Z) or a date,"
                + " at its start in UTC (2025-10-15: it works until 14 October ends). Without it"
                + " the token works until revoked")
    void expires(String value) {
      try {
        expires =
            value.length() == 10
                ? java.time.LocalDate.parse(value)
                    .atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant()
                : java.time.OffsetDateTime.parse(value).toInstant();
      } catch (java.time.format.DateTimeParseException e) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(),
            "--expires must be a date YYYY-MM-DD or a time with its offset"
                + " YYYY-MM-DDTHH:MM[:SS]Z, was "
                + value);
      }
    }

    @picocli.CommandLine.Mixin Mixin.StoreOption storeOption = new Mixin.StoreOption();

    @Override
    public Integer call() {
      // a name that cannot be is bad usage, refused before the store is opened (or created)
      try {
        Store.requireTokenName(name);
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      Instant now = Clock.systemUTC().instant();
      if (expires != null && !expires.isAfter(now)) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--expires must be after now (" + now + "), was " + expires);
      }
      if (scope == TokenScope.REVIEW && member != null) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(),
            "--member: a review token is the mission's analysts', not a member state's");
      }
      return onStore(spec, storeOption, store -> store.createToken(name, scope, member, expires));
    }
  }

  /** {@code token list}: the tokens' names and dates, never the tokens. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "Lists the API tokens: name, when created, when revoked, scope, member state (empty for"
              + " the mission's staff), when it expires (empty: when revoked), whether it is"
              + " active, revoked or expired now, and when it was last rotated; never the token.")
  static final class ListTokens implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin Mixin.StoreOption storeOption = new Mixin.StoreOption();

    @Override
    public Integer call() {
      return onStore(
          spec,
          storeOption,
          store -> {
            StringBuilder sb =
                new StringBuilder(
                    "name\tcreated\trevoked\tscope\tmember\texpires\tstatus\trotated");
            Instant now = Clock.systemUTC().instant();
            for (Store.Token t : store.tokens()) {
              sb.append(System.lineSeparator())
                  .append(t.name())
                  .append('\t')
                  .append(t.created())
                  .append('\t');
              sb.append(t.revoked() == null ? "" : t.revoked())
                  .append('\t')
                  .append(t.scope().key())
                  .append('\t')
                  .append(t.member() == null ? "" : t.member())
                  .append('\t')
                  .append(t.expires() == null ? "" : t.expires())
                  .append('\t')
                  .append(t.status(now))
                  .append('\t')
                  .append(t.rotated() == null ? "" : t.rotated());
            }
            return sb.toString();
          });
    }
  }

  /** {@code token rotate NAME}: prints a new token for the name; the old one stops working. */
  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = {
        "Gives the API token of NAME a new secret and prints it once: the old one is refused from"
            + " now on, and the name, scope, member state and end stay, so that its ingests,"
            + " reviews and access log lines still name its holder. For a token others may have"
            + " seen (a lost laptop). A revoked or expired token is not rotated."
      })
  static final class Rotate extends OnNamedToken {
    @Override
    String on(Store store) {
      return store.rotateToken(name);
    }
  }

  /** {@code token revoke NAME}: the token no longer opens ingest; its ingests keep its name. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = {
        "Revokes the API token of NAME: the server refuses it from now on. The ingests made with"
            + " it keep its name, and the name is not given to a new token."
      })
  static final class Revoke extends OnNamedToken {
    @Override
    String on(Store store) {
      return "token " + name + " revoked at " + store.revokeToken(name);
    }
  }

  /** A subcommand on one token, named, in a store: what it does and prints, {@link #on}. */
  abstract static class OnNamedToken implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The token's name, as given to 'token create'")
    String name;

    @picocli.CommandLine.Mixin Mixin.StoreOption storeOption = new Mixin.StoreOption();

    /** Does the command to the token named {@link #name} in {@code store}; the line to print. */
    abstract String on(Store store);

    @Override
    public Integer call() {
      return onStore(spec, storeOption, this::on);
    }
  }
}
