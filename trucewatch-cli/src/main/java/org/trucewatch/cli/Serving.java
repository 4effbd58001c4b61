package org.trucewatch.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.trucewatch.server.Monitor;
import org.trucewatch.server.Server;
import org.trucewatch.store.Store;
import org.trucewatch.store.StoreException;

/** Opens stores and serves until the process is stopped (or the thread interrupted). */
final class Serving {
  private Serving() {}

  static Store open(String db) {
    return open(db, null);
  }

  /**
   * Opens the store named by {@code db}; when a running server holds an embedded store open, the
   * message ends with {@code whenHeld} (what to do with the server running), if not null.
   */
  static Store open(String db, String whenHeld) {
    try {
      return Store.open(db);
    } catch (StoreException e) {
      throw new InputFailure(whenHeld(e, whenHeld), e);
    } catch (IllegalArgumentException e) {
      throw new InputFailure(e.getMessage(), e);
    }
  }

  /**
   * The message of {@code e}, followed by {@code whenHeld} when another process holds the store.
   */
  static String whenHeld(StoreException e, String whenHeld) {
    return e.held() && whenHeld != null ? e.getMessage() + ". " + whenHeld : e.getMessage();
  }

  /** A monitor over the store with the bundled regions and the current method's classifier. */
  static Monitor monitor(Store store) {
    return new Monitor(
        store, Reference.regions(null), Reference.classifier(Reference.history(null)));
  }

  /**
   * Why the server could not listen: the operating system's reason when a socket could not be bound
   * (Jetty reports an address that is not this machine's, and a host name that does not resolve, as
   * a port in use), else the server's message.
   */
  static String bindProblem(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.net.BindException && t.getMessage() != null) {
        return t.getMessage();
      }
      if (t instanceof java.nio.channels.UnresolvedAddressException) {
        return "the host name does not resolve to an address";
      }
    }
    return e.getMessage();
  }

  /**
   * Serves until interrupted or stopped; closes the server, then runs {@code atExit} (which stops
   * what works on the store, such as its backups, and sends what alerts are queued), then closes
   * the store. {@code notes} are printed after the addresses.
   */
  static void serve(
      Monitor monitor,
      Server.Options options,
      PrintWriter out,
      List<String> notes,
      Runnable atExit) {
    serve(monitor, options, out, notes, () -> {}, atExit);
  }

  /**
   * Serves as {@link #serve(Monitor, Server.Options, PrintWriter, List, Runnable)} does, running
   * {@code atStart} once the port is open (and never when it cannot be).
   */
  static void serve(
      Monitor monitor,
      Server.Options options,
      PrintWriter out,
      List<String> notes,
      Runnable atStart,
      Runnable atExit) {
    Server server;
    try {
      server = Server.start(monitor, options);
    } catch (RuntimeException e) {
      closeAccessLog(options);
      atExit.run();
      monitor.store().close();
      throw new InputFailure(
          "cannot serve on " + options.host() + ":" + options.port() + ": " + bindProblem(e), e);
    }
    atStart.run();
    String url = "http://" + options.host() + ":" + server.port();
    out.println("Truce Watch serving " + monitor.store().database().display());
    out.println("  map:             " + url + "/");
    out.println("  API:             " + url + "/api/v1");
    out.println("  OGC API:         " + url + "/ogc");
    out.println("  report:          " + url + "/reports/report.html");
    out.println("  health, metrics: " + url + "/health, " + url + "/metrics");
    if (options.accessLog() != null) {
      out.println("  access log:      " + options.accessLog().describe());
    }
    out.println(
        "  proxies trusted: "
            + (options.trustedProxies().isEmpty()
                ? "none"
                : String.join(", ", options.trustedProxies()))
            + " (--trusted-proxy)");
    notes.forEach(out::println);
    out.println("stop with Ctrl-C");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              server.close();
              closeAccessLog(options);
              atExit.run();
              monitor.store().close();
              stopped.countDown();
            },
            "trucewatch-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Runtime.getRuntime().removeShutdownHook(hook);
      hook.run();
      Thread.currentThread().interrupt();
    }
  }

  private static void closeAccessLog(Server.Options options) {
    if (options.accessLog() != null) {
      options.accessLog().close();
    }
  }
}
