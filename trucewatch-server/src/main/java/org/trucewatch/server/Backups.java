package org.trucewatch.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trucewatch.store.Store;

/**
 * Backs up an embedded store while it serves ({@code serve --backup-dir}): one backup when started
 * and then one each period, as {@code trucewatch-YYYYMMDDTHHMMSSZ.zip} in the folder, keeping the
 * newest {@link #KEEP}. A backup that fails is logged and tried again at the next period; the store
 * goes on.
 */
public final class Backups implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Backups.class);

  /** How many backups the folder keeps: two weeks of daily ones. */
  public static final int KEEP = 14;

  /** The period of backups unless told otherwise: a day. */
  public static final Duration DAILY = Duration.ofDays(1);

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Store store;
  private final Path dir;
  private final ScheduledExecutorService timer;

  private Backups(Store store, Path dir) {
    this.store = store;
    this.dir = dir;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "trucewatch-backups");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Starts backing up {@code store} into {@code dir} (created if missing), the first backup now.
   *
   * @throws UnsupportedOperationException for a PostgreSQL store
   * @throws IllegalArgumentException when {@code dir} cannot be created or is not a folder
   */
  public static Backups start(Store store, Path dir, Duration every) {
    if (store.database().folder() == null) {
      throw new UnsupportedOperationException(
          "--backup-dir backs up an embedded store; back up PostgreSQL with its own tools"
              + " (pg_dump)");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalArgumentException(dir + ": cannot be made a folder: " + e.getMessage(), e);
    }
    Backups b = new Backups(store, dir);
    b.timer.scheduleAtFixedRate(b::backUp, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    return b;
  }

  /** One backup now, then the oldest beyond {@link #KEEP} removed. Never throws. */
  void backUp() {
    Path zip = dir.resolve("trucewatch-" + STAMP.format(store.clock().instant()) + ".zip");
    try {
      store.backupTo(zip);
      LOG.info("backed up the store to {} ({} bytes)", zip, Files.size(zip));
      List<Path> all = backups();
      for (Path old : all.subList(0, Math.max(0, all.size() - KEEP))) {
        Files.delete(old);
      }
    } catch (RuntimeException | IOException e) {
      LOG.error("the backup to {} failed; the next is tried at the next period", zip, e);
    }
  }

  /** The backups in the folder, oldest first (their names sort by time). */
  List<Path> backups() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("trucewatch-\\d{8}T\\d{6}Z\\.zip"))
          .sorted()
          .toList();
    }
  }

  @Override
  public void close() {
    timer.shutdown();
    try {
      if (!timer.awaitTermination(1, TimeUnit.MINUTES)) {
        LOG.warn("a backup still runs; it is left to finish");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
