package org.trucewatch.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: a table from command name to command class. */
@Command(
    name = "trucewatch",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Ceasefire monitoring from satellite thermal anomalies.",
    subcommands = {
      DemoCommand.class,
      AssessCommand.class,
      VerifyTermsCommand.class,
      ClassifyCommand.class,
      EvaluateCommand.class,
      BaselineCommand.class,
      ServeCommand.class,
      IngestCommand.class,
      TokenCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(
        execute(
            args,
            new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
            new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true)));
  }

  /** Runs the command line with the given streams and returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(
        (ex, line, parse) -> {
          line.getErr().println("error: " + oneLine(ex));
          return 1;
        });
    return cl.execute(args);
  }

  static String oneLine(Throwable ex) {
    String m = ex.getMessage();
    if (m == null || m.isBlank()) {
      m = ex.getClass().getSimpleName();
    }
    return m.replace('\n', ' ');
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Prints the software and method versions. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {
        "trucewatch " + (v == null ? "development" : v),
        "method " + org.trucewatch.run.MethodVersion.CURRENT
      };
    }
  }
}
