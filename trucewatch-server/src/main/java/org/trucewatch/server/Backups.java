package org.trucewatch.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
  private volatile Status status = new Status(null, null, 0, null, null, 0);

  /**
   * What the backups have done since the server started, for {@code /health} and {@code /metrics}.
   *
   * @param lastSuccess when the last backup was written, or null before the first
   * @param lastFile that backup's file
   * @param lastBytes its size
   * @param lastFailure when the last backup failed, or null if none has
   * @param lastError why it failed
   * @param failures how many have failed
   */
  public record Status(
      Instant lastSuccess,
      Path lastFile,
      long lastBytes,
      Instant lastFailure,
      String lastError,
      long failures) {}

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

  /** The folder the backups go to. */
  public Path dir() {
    return dir;
  }

  /** What the backups have done so far. */
  public Status status() {
    return status;
  }

  /** One backup now, then the oldest beyond {@link #KEEP} removed. Never throws. */
  void backUp() {
    Instant now = store.clock().instant();
    Path zip = dir.resolve("trucewatch-" + STAMP.format(now) + ".zip");
    try {
      store.backupTo(zip);
      long bytes = Files.size(zip);
      LOG.info("backed up the store to {} ({} bytes)", zip, bytes);
      removeOld();
      // told once the old ones are gone, so that a reader of the status sees the folder as kept
      Status s = status;
      status = new Status(now, zip, bytes, s.lastFailure(), s.lastError(), s.failures());
    } catch (RuntimeException | IOException e) {
      Status s = status;
      status =
          new Status(
              s.lastSuccess(),
              s.lastFile(),
              s.lastBytes(),
              now,
              String.valueOf(e.getMessage()),
              s.failures() + 1);
      LOG.error("the backup to {} failed; the next is tried at the next period", zip, e);
    }
  }

  /** Removes the oldest backups beyond {@link #KEEP}; one that cannot be removed is logged. */
  private void removeOld() throws IOException {
    List<Path> all = backups();
    for (Path old : all.subList(0, Math.max(0, all.size() - KEEP))) {
      try {
        Files.delete(old);
      } catch (IOException e) {
        LOG.warn("an old backup {} could not be removed: {}", old, e.toString());
      }
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
