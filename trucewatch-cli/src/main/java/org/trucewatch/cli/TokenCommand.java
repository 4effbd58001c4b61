package org.trucewatch.cli;

import java.util.concurrent.Callable;
import org.trucewatch.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code token}: API tokens for ingest. */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Manages the API tokens that ingest needs.",
    subcommands = {TokenCommand.Create.class})
final class TokenCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required");
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

    @picocli.CommandLine.Mixin Mixin.StoreOption storeOption = new Mixin.StoreOption();

    @Override
    public Integer call() {
      try (Store store = Serving.open(storeOption.db)) {
        String token;
        try {
          token = store.createToken(name);
        } catch (IllegalArgumentException e) {
          throw new InputFailure(e.getMessage(), e);
        }
        spec.commandLine().getOut().println(token);
        return 0;
      }
    }
  }
}
