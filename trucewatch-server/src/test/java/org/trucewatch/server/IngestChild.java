package org.trucewatch.server;

import java.nio.file.Path;
import org.trucewatch.store.Store;

/**
 * A process that ingests one file and then waits to be killed: with {@code stall} it stops after
 * the first batch is written but before the commit; with {@code complete} after the commit. It says
 * where it is on standard output. Used by {@link KilledIngestTest}.
 */
public final class IngestChild {
  private IngestChild() {}

  public static void main(String[] args) throws Exception {
    String db = args[0];
    Path file = Path.of(args[1]);
    boolean stall = args[2].equals("stall");
    Store store = Store.open(db);
    Monitor m = new Monitor(store, Fixture.regions(), null);
    Store.IngestListener l =
        rows -> {
          System.out.println("written " + rows);
          System.out.flush();
          if (stall) {
            sleep();
          }
        };
    m.ingest(file, file.getFileName().toString(), "child", l, false);
    System.out.println("committed");
    System.out.flush();
    sleep();
  }

  private static void sleep() {
    try {
      Thread.sleep(600_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
