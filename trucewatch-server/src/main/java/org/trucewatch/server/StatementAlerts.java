package org.trucewatch.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.trucewatch.store.Rows;
import org.trucewatch.store.Store;

/**
 * Alerts that follow the store's log of statements ({@link Statement}): the webhooks and e-mail. A
 * receiver of one area ({@link AlertArea}) is given each statement as {@link Statement#in} cuts it
 * to the area, and passes over those that say nothing of it.
 *
 * @param <T> what an entry gives a receiver, ready to be sent
 */
abstract class StatementAlerts<T> extends Alerts<T> {
  StatementAlerts(String channel, Store store, List<Duration> retryDelays, Duration poll) {
    super(channel, store, retryDelays, poll);
  }

  /** What statement {@code s} gives a receiver, ready to be sent. */
  abstract T payload(Rows.Statement s);

  /** The part of the statements receiver {@code k} is given. */
  abstract AlertArea area(int k);

  @Override
  protected final long logEnd() {
    return store().statementLogEnd();
  }

  @Override
  protected final List<Entry<T>> after(int k, long place) {
    List<Entry<T>> out = new ArrayList<>();
    AlertArea area = area(k);
    for (Rows.Statement s : store().statementsAfter(place, BATCH)) {
      // a statement that says nothing of the receiver's area is passed over
      Optional<String> given = Statement.in(area, s.body());
      out.add(
          new Entry<>(
              s.seq(),
              alertId(given.orElse(s.body())),
              given.map(b -> payload(new Rows.Statement(s.seq(), s.stated(), b))).orElse(null)));
    }
    return out;
  }

  @Override
  protected final boolean wroteTo(Monitor.DaysStated stated) {
    return !stated.days().isEmpty();
  }

  /** A review may have written a statement (of a finding that alerts named): read the log. */
  @Override
  public final void reviewed(Rows.Review review) {
    wakeUp();
  }
}
