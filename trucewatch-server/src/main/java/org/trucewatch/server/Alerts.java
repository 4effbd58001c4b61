package org.trucewatch.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trucewatch.store.Store;

/**
 * Alerts that follow a log of the store: each receiver (a CAP hub, a webhook URL, an e-mail
 * address) is given the log's entries in order, from its place in the log, which the store keeps
 * (docs/server.md, "Alerts"). So a receiver gets, after a restart, what was not yet given it, and
 * what another process sharing the store wrote into the log (a scheduled {@code ingest}). The log
 * is read when this process's monitor has written to it and at least every {@code poll}. A receiver
 * given alerts for the first time starts at the end of the log.
 *
 * <p>A receiver that fails (no answer, an error of its own) is tried again after each of the retry
 * delays and then every last delay until it takes the entry; the entries after it wait, so that a
 * receiver gets them in order and none is lost while it is down. An entry that the receiver refuses
 * (such as an HTTP 4xx but 408 and 429) once more than there are retry delays is passed over,
 * logged and counted as failed.
 *
 * <p>One process at a time gives a receiver its alerts: it holds the receiver's place in the store,
 * renews the hold before each attempt and lets go when it stops. Another process sharing the store
 * that names the same receiver waits, and takes the place over when the hold is let go or lapses.
 *
 * @param <T> what an entry gives a receiver, ready to be sent
 */
public abstract class Alerts<T> implements Monitor.Listener, MeterBinder, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

  /**
   * The kind of an alert of the days' figures, in a webhook's body and headers and an e-mail's
   * headers.
   */
  public static final String EVENT = "day-figures-stated";

  /** The kind of an alert of an analyst's review of a finding that alerts named. */
  public static final String REVIEW_EVENT = "finding-reviewed";

  /** The kind of a test alert ({@code trucewatch alerts test}), which states nothing. */
  public static final String TEST_EVENT = "test";

  /**
   * What a receiver did with a test alert.
   *
   * @param channel {@code cap}, {@code webhook} or {@code email}
   * @param receiver as operators are shown it
   * @param problem empty when it took the alert, else what went wrong
   */
  public record Tested(String channel, String receiver, Optional<String> problem) {}

  /**
   * The words of a test alert to a receiver of {@code area}, sent at {@code sent}: that it states
   * nothing, and which alerts the receiver is given.
   */
  static String testText(AlertArea area, Instant sent) {
    return "Truce Watch: a test of the alerts to this receiver, sent "
        + sent.truncatedTo(ChronoUnit.SECONDS)
        + " (method "
        + org.trucewatch.run.MethodVersion.CURRENT
        + "). It states no figures and no finding. "
        + (area.all()
            ? "This receiver is given the alerts of the whole area monitored."
            : "This receiver is given the alerts of " + area.words() + " only.");
  }

  /** The delays before the second, third and later attempts of an alert, by default. */
  public static final List<Duration> RETRY_DELAYS =
      List.of(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5));

  /** How often the log is read for entries that another process wrote, by default. */
  public static final Duration POLL = Duration.ofSeconds(30);

  /** How many entries of the log are read at a time. */
  static final int BATCH = 100;

  /**
   * One receiver.
   *
   * @param key how the store knows it: the SHA-256 of what names it, so that a key or password in
   *     its URL is not kept
   * @param shown how operators may be shown it: a URL without user, password or query, an address
   */
  protected record Receiver(String key, String shown) {}

  /**
   * An entry of the log, ready to give.
   *
   * @param seq its number in the log
   * @param id the id by which a receiver takes it once
   * @param payload what to give; null when it is to be passed over (the log says why)
   */
  protected record Entry<T>(long seq, String id, T payload) {}

  /**
   * An attempt that failed.
   *
   * @param problem what went wrong, for the log and {@code /health}
   * @param refused whether the receiver refused the entry itself (it will not take it however often
   *     tried), rather than failed to answer
   */
  protected record Failure(String problem, boolean refused) {}

  /**
   * How the alerts to one receiver stand, for {@code /health}.
   *
   * @param channel how it is given alerts, {@code cap}, {@code webhook} or {@code email}
   * @param receiver its URL without user, password or query, or its address
   * @param following whether this process gives it its alerts (false: another process sharing the
   *     store holds its place)
   * @param place the number of the last entry of the log it was given or passed over
   * @param behind how many entries of the log come after that
   * @param failingSince when the attempts to give it the entry they are on began to fail; null
   *     while it takes them
   * @param problem what the last failed attempt came to; null while it takes them
   */
  public record Status(
      String channel,
      String receiver,
      boolean following,
      long place,
      long behind,
      Instant failingSince,
      String problem) {}

  private final String channel;
  private final Store store;
  private final List<Duration> retryDelays;
  private final Duration poll;
  private final List<Follower> followers = new ArrayList<>();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong attempts = new AtomicLong();
  private final Object wake = new Object();
  private long wakes; // guarded by wake
  private volatile boolean closing;
  // counted down once, when the alerts are closed: ends the waits between attempts
  private final java.util.concurrent.CountDownLatch stopping =
      new java.util.concurrent.CountDownLatch(1);
  // this process, as the store names the holder of a receiver's place
  private final String holder = holder();
  // how long a hold lasts unless renewed: it is renewed before each attempt, which waits at most
  // the longest retry delay or poll after the one before and takes at most a few timeouts
  private final Duration lease;

  /**
   * @param channel how alerts go, {@code cap}, {@code webhook} or {@code email}: the thread names,
   *     the {@code channel} tag of the metrics and of each receiver's place in the store
   * @param store the store whose log the receivers follow and that keeps their places
   * @param retryDelays the delay before each further attempt after a failed one (at least one; the
   *     last is repeated while the receiver fails)
   * @param poll how often the log is read when no assessment of this process has written to it
   */
  protected Alerts(String channel, Store store, List<Duration> retryDelays, Duration poll) {
    if (retryDelays.isEmpty()) {
      throw new IllegalArgumentException("alerts need at least one retry delay");
    }
    this.channel = channel;
    this.store = store;
    this.retryDelays = List.copyOf(retryDelays);
    this.poll = poll;
    Duration longest = retryDelays.stream().max(Duration::compareTo).orElseThrow();
    this.lease =
        (longest.compareTo(poll) > 0 ? longest : poll)
            .multipliedBy(2)
            .plus(HTTP_TIMEOUT.multipliedBy(3));
  }

  /** This process: its host, its process id and a random part (two in one process differ). */
  private static String holder() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "unknown-host";
    }
    return host
        + ":"
        + ProcessHandle.current().pid()
        + ":"
        + java.util.UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Starts following the log for each of {@code receivers}, from the place where the alerts to it
   * stopped; a subclass calls it once, at the end of its constructor.
   */
  protected final void start(List<Receiver> receivers) {
    for (int k = 0; k < receivers.size(); k++) {
      followers.add(new Follower(k, receivers.get(k)));
    }
    followers.forEach(f -> f.thread.start());
  }

  /** The number of the log's last entry, 0 while it is empty. */
  protected abstract long logEnd();

  /**
   * The entries after number {@code place}, in order, at most {@link #BATCH}, for receiver {@code
   * k}; empty when there are none yet, and null when the log changed while they were read, so that
   * it is to be read again.
   */
  protected abstract List<Entry<T>> after(int k, long place);

  /** One attempt to give {@code entry} to receiver {@code k}: empty when it took it. */
  protected abstract Optional<Failure> attempt(int k, Entry<T> entry) throws InterruptedException;

  /** Whether an assessment of this process wrote to the log that the receivers follow. */
  protected abstract boolean wroteTo(Monitor.DaysStated stated);

  /** The store whose log the receivers follow. */
  protected final Store store() {
    return store;
  }

  @Override
  public final void stated(Monitor.DaysStated stated) {
    if (wroteTo(stated)) {
      wakeUp();
    }
  }

  /** Wakes the followers, to read the log now: this process has written to it. */
  protected final void wakeUp() {
    synchronized (wake) {
      wakes++;
      wake.notifyAll();
    }
  }

  /** How long an HTTP receiver has to connect and to answer. */
  protected static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);

  /**
   * A client for HTTP receivers: HTTP/1.1 without an upgrade to h2c, which some refuse on a POST.
   */
  protected static java.net.http.HttpClient httpClient() {
    return java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1)
        .connectTimeout(HTTP_TIMEOUT)
        .build();
  }

  /**
   * A POST of {@code body} to {@code url}, with its type, the Truce Watch agent, the kind of alert
   * and the id by which a receiver takes it once ({@code X-TruceWatch-Event}, {@code
   * X-TruceWatch-Delivery}).
   */
  protected static java.net.http.HttpRequest.Builder post(
      java.net.URI url, String contentType, String event, String delivery, byte[] body) {
    return java.net.http.HttpRequest.newBuilder(url)
        .timeout(HTTP_TIMEOUT)
        .header("Content-Type", contentType)
        .header("User-Agent", "TruceWatch (" + org.trucewatch.run.MethodVersion.CURRENT + ")")
        .header("X-TruceWatch-Event", event)
        .header("X-TruceWatch-Delivery", delivery)
        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
  }

  /**
   * One HTTP POST by {@code http}: empty when the receiver answered 2xx, else what it answered or
   * what failed; a 4xx but 408 and 429 refuses the entry.
   */
  protected static Optional<Failure> post(
      java.net.http.HttpClient http, java.net.http.HttpRequest request)
      throws InterruptedException {
    try {
      int status =
          http.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
      return status / 100 == 2
          ? Optional.empty()
          : Optional.of(
              new Failure("HTTP " + status, status / 100 == 4 && status != 408 && status != 429));
    } catch (java.io.IOException e) {
      return Optional.of(new Failure(e.toString(), false));
    }
  }

  /** Alerts delivered (a receiver took them). */
  public long delivered() {
    return delivered.get();
  }

  /** Entries passed over after their receiver refused them through every retry delay. */
  public long failed() {
    return failed.get();
  }

  /** Attempts made, first attempts and retries. */
  public long attempts() {
    return attempts.get();
  }

  /**
   * The entries of the log that the receivers this process gives alerts to have yet to be given or
   * to pass over (not those of a receiver whose place another process holds).
   */
  public long pending() {
    long end;
    try {
      end = logEnd();
    } catch (RuntimeException e) {
      return 0; // the store is closed: nothing more will be given by this process
    }
    long behind = 0;
    for (Follower f : followers) {
      if (f.following) {
        behind += Math.max(0, end - f.place);
      }
    }
    return behind;
  }

  /** How the alerts to each receiver stand, in the order of the settings. */
  public List<Status> status() {
    long end = logEnd();
    List<Status> out = new ArrayList<>();
    for (Follower f : followers) {
      Failing x = f.failing;
      out.add(
          new Status(
              channel,
              f.receiver.shown(),
              f.following,
              f.place,
              Math.max(0, end - f.place),
              x == null ? null : x.since(),
              x == null ? null : x.problem()));
    }
    return out;
  }

  /** One of the counts that {@code /metrics} shows. */
  private record Count(String name, String help, ToDoubleFunction<Alerts<?>> value) {}

  @Override
  public void bindTo(MeterRegistry registry) {
    for (Count c :
        List.of(
            new Count(
                "trucewatch_alerts_delivered",
                "alerts that a receiver took since the server started",
                Alerts::delivered),
            new Count(
                "trucewatch_alerts_failed",
                "alerts passed over after their receiver refused them",
                Alerts::failed),
            new Count(
                "trucewatch_alert_attempts",
                "attempts to deliver alerts, first attempts and retries",
                Alerts::attempts))) {
      FunctionCounter.builder(c.name(), this, c.value())
          .description(c.help())
          .tag("channel", channel)
          .register(registry);
    }
    Gauge.builder("trucewatch_alerts_pending", this, Alerts::pending)
        .description("entries of the log that receivers have yet to be given")
        .tag("channel", channel)
        .register(registry);
  }

  /**
   * Waits until every receiver has been given the log to its end, or {@code timeout} has passed;
   * returns whether none is behind.
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (pending() > 0) {
      if (System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  /**
   * Waits until each receiver has been given the log to its end or has failed to take the entry it
   * is on once more than there are retry delays, or {@code timeout} has passed: how long a command
   * that ends waits for its alerts, leaving what a receiver down did not take to the next start.
   * Returns whether none is behind.
   */
  public boolean awaitSettled(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      long last;
      try {
        last = logEnd();
      } catch (RuntimeException e) {
        return false; // the store is closed
      }
      boolean settled = true;
      boolean idle = true;
      for (Follower f : followers) {
        if (f.following && f.place < last) {
          idle = false;
          settled &= f.failures > retryDelays.size();
        }
      }
      if (idle) {
        return true;
      }
      if (settled || System.nanoTime() > end) {
        return false;
      }
      Thread.sleep(10);
    }
  }

  /**
   * Stops following the log and lets go of each receiver's place, so that another process sharing
   * the store takes it over at once; the store keeps where each receiver stopped, and the next
   * start goes on there. An entry being tried is tried again then.
   *
   * <p>The threads are woken, never interrupted: an interrupt that lands while one writes to an
   * embedded store closes the store's file (H2 writes through an interruptible channel). An attempt
   * under way ends within its timeouts; the threads are waited for 5 s.
   */
  @Override
  public void close() {
    closing = true;
    stopping.countDown();
    synchronized (wake) {
      wake.notifyAll();
    }
    try {
      for (Follower f : followers) {
        f.thread.join(Duration.ofSeconds(5).toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Follower f : followers) {
      try {
        store.releaseAlertPlace(f.receiver.key(), holder);
      } catch (RuntimeException e) {
        // the store is closed: the hold lapses by itself
        LOG.debug("the place of {} was not let go", f.receiver.shown(), e);
      }
    }
  }

  /** The count of wake-ups so far, taken before the log is read. */
  private long wakes() {
    synchronized (wake) {
      return wakes;
    }
  }

  /** Waits until a wake-up after the {@code seen}th, or the poll interval has passed. */
  private void sleep(long seen) throws InterruptedException {
    synchronized (wake) {
      if (wakes == seen && !closing) {
        wake.wait(poll.toMillis());
      }
    }
  }

  /** Waits {@code d}, or until the alerts are closed: whether they are. */
  private boolean pause(Duration d) throws InterruptedException {
    return stopping.await(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** Attempts failing since {@code since}, the last with {@code problem}. */
  private record Failing(Instant since, String problem) {}

  /** One receiver: its place in the log and the thread that follows the log for it. */
  private final class Follower implements Runnable {
    private final int k;
    private final Receiver receiver;
    private final Thread thread;
    private volatile long place;
    private volatile Failing failing;
    private volatile int failures; // failed attempts on the entry being given
    // whether this process holds the receiver's place (until a hold fails, it expects to)
    private volatile boolean following = true;

    Follower(int k, Receiver receiver) {
      this.k = k;
      this.receiver = receiver;
      place = placed();
      long behind = logEnd() - place;
      if (behind > 0) {
        LOG.info("{} alerts to {}: {} of the log to give first", channel, receiver.shown(), behind);
      }
      thread = new Thread(this, "trucewatch-" + channel + "-" + k);
      thread.setDaemon(true);
    }

    @Override
    public void run() {
      while (!closing) {
        try {
          follow();
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          if (closing) {
            return;
          }
          LOG.error(
              "{} alerts to {} stopped ({}); trying again in {}",
              channel,
              receiver.shown(),
              e,
              poll);
          try {
            pause(poll);
          } catch (InterruptedException stop) {
            return;
          }
        }
      }
    }

    /**
     * Gives the receiver the entries after its place while this process holds the place, or waits
     * for more; waits while another process holds it.
     */
    private void follow() throws InterruptedException {
      long seen = wakes();
      if (!hold()) {
        Optional<Long> kept = store.alertPlace(receiver.key());
        if (kept.isEmpty()) {
          // forgotten meanwhile (alerts forget): the receiver starts again at the end of the log
          LOG.info("{} alerts to {}: its place was forgotten", channel, receiver.shown());
          place = placed();
          return;
        }
        // another process gives the receiver its alerts: show where it stands, and wait
        place = kept.get();
        sleep(seen);
        return;
      }
      List<Entry<T>> next = after(k, place);
      if (next == null) {
        return; // the log changed while it was read: read it again
      }
      if (next.isEmpty()) {
        sleep(seen);
        return;
      }
      for (Entry<T> e : next) {
        if (e.payload() != null && !deliver(e)) {
          return;
        }
        if (!store.moveAlertPlace(receiver.key(), holder, e.seq())) {
          following = false;
          return; // another process took the place over meanwhile
        }
        place = e.seq();
      }
    }

    /**
     * The receiver's place in the store; a receiver without one (named for the first time, or
     * forgotten) is placed at the end of the log.
     */
    private long placed() {
      if (store.alertPlace(receiver.key()).isEmpty()) {
        try {
          store.alertPlaced(receiver.key(), channel, receiver.shown(), logEnd());
        } catch (RuntimeException e) {
          // another process sharing the store recorded it first: its place stands
          LOG.debug("the place of {} was recorded meanwhile", receiver.shown(), e);
        }
      }
      return store
          .alertPlace(receiver.key())
          .orElseThrow(() -> new IllegalStateException("no place for " + receiver.shown()));
    }

    /**
     * Holds the receiver's place, or renews the hold, and takes the place the store keeps; whether
     * this process holds it.
     */
    private boolean hold() {
      Optional<Long> held = store.holdAlertPlace(receiver.key(), holder, lease);
      following = held.isPresent();
      held.ifPresent(p -> place = p);
      return following;
    }

    /**
     * Gives an entry until the receiver takes it, or refuses it through every retry delay: true;
     * false when another process takes the receiver's place over meanwhile (it gives the entry), or
     * when the alerts are closed (the next start gives it).
     */
    private boolean deliver(Entry<T> e) throws InterruptedException {
      int refusals = 0;
      failures = 0;
      for (int n = 0; ; n++) {
        if (closing) {
          return false;
        }
        long before = place;
        if (!hold() || place != before) {
          place = before;
          failing = null;
          failures = 0;
          return false;
        }
        Optional<Failure> failure = attempt(k, e);
        attempts.incrementAndGet();
        if (failure.isEmpty()) {
          delivered.incrementAndGet();
          failing = null;
          failures = 0;
          return true;
        }
        failures = n + 1;
        String problem = failure.get().problem();
        failing =
            new Failing(
                failing == null
                    ? store.clock().instant().truncatedTo(ChronoUnit.SECONDS)
                    : failing.since(),
                problem);
        if (failure.get().refused() && ++refusals > retryDelays.size()) {
          failed.incrementAndGet();
          failing = null;
          failures = 0;
          LOG.error(
              "{} alert {} to {} passed over: refused {} times; the last answer: {}",
              channel,
              e.id(),
              receiver.shown(),
              refusals,
              problem);
          return true;
        }
        Duration wait = retryDelays.get(Math.min(n, retryDelays.size() - 1));
        LOG.warn(
            "{} alert {} to {} failed ({}); trying again in {}",
            channel,
            e.id(),
            receiver.shown(),
            problem,
            wait);
        if (pause(wait)) {
          return false; // closed: the entry is given at the next start
        }
      }
    }
  }

  /**
   * The first 16 bytes of the SHA-256 of {@code content}, in hex: the same alert has the same id.
   */
  static String alertId(byte[] content) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(content);
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** {@link #alertId(byte[])} of a text. */
  static String alertId(String content) {
    return alertId(content.getBytes(StandardCharsets.UTF_8));
  }
}
