package org.trucewatch.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
      VerifyPdfCommand.class,
      ClassifyCommand.class,
      EvaluateCommand.class,
      BaselineCommand.class,
      ServeCommand.class,
      IngestCommand.class,
      TokenCommand.class,
      AlertsCommand.class,
      BackupCommand.class,
      RestoreCommand.class,
      CopyCommand.class,
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
    cl.setParameterExceptionHandler(Main::badUsage);
    cl.registerConverter(LocalDate.class, Main::date);
    try {
      return cl.execute(args);
    } catch (OutOfMemoryError e) {
      // the input's arrays are unreachable once the command has unwound, so one line still fits
      err.println("error: " + outOfMemory(Runtime.getRuntime().maxMemory()));
      return 1;
    }
  }

  /** What to do when the Java heap is too small for the input. */
  static String outOfMemory(long maxHeapBytes) {
    return "out of memory: the Java heap (at most "
        + maxHeapBytes / (1024 * 1024)
        + " MB) is too small for this input; give Java more, for example"
        + " JAVA_OPTS=-Xmx2g ./trucewatch …";
  }

  /**
   * Bad usage: the reason on one line, picocli's suggestions for a mistyped command or option, and
   * where the help is; exit code 2. The whole help is one {@code --help} away, not repeated here.
   */
  private static int badUsage(CommandLine.ParameterException ex, String[] args) {
    CommandLine line = ex.getCommandLine();
    PrintWriter err = line.getErr();
    // picocli starts the messages of argument groups with its own "Error: "
    err.println("error: " + oneLine(ex).replaceFirst("^Error: ", ""));
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for more information.");
    return line.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "'" + text + "' is not a date of the form YYYY-MM-DD");
    }
  }

  /** The longest error line printed; longer messages are cut with an ellipsis. */
  static final int MAX_ERROR_LENGTH = 300;

  /**
   * One line for an error: its message without line breaks and without the SQL statement and
   * arguments that a database error appends (they name no input the operator can fix), at most
   * {@link #MAX_ERROR_LENGTH} characters.
   */
  static String oneLine(Throwable ex) {
    String m = fileProblem(ex);
    if (m == null) {
      m = org.trucewatch.store.StoreException.refusedRow(ex).orElse(null);
    }
    if (m == null) {
      m = ex.getMessage();
    }
    if (m == null || m.isBlank()) {
      m = ex.getClass().getSimpleName();
    }
    m = m.replace('\n', ' ');
    for (String tail : new String[] {"; SQL statement:", " [statement:"}) {
      int at = m.indexOf(tail);
      if (at > 0) {
        m = m.substring(0, at);
      }
    }
    return m.length() > MAX_ERROR_LENGTH ? m.substring(0, MAX_ERROR_LENGTH - 1) + "…" : m;
  }

  /**
   * A file system error names only the path in its message ({@code x.csv}); this says what is wrong
   * with it, or returns null for any other error.
   */
  private static String fileProblem(Throwable ex) {
    Throwable t = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
    if (!(t instanceof FileSystemException)) {
      return null;
    }
    FileSystemException f = (FileSystemException) t;
    String what;
    if (f instanceof NoSuchFileException) {
      what = "no such file or folder";
    } else if (f instanceof AccessDeniedException) {
      what = "permission denied";
    } else if (f instanceof FileAlreadyExistsException) {
      what = "already exists";
    } else if (f instanceof NotDirectoryException) {
      what = "not a folder";
    } else {
      what = f.getReason() == null ? "cannot be used" : f.getReason();
    }
    return f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": " + what;
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
