package org.trucewatch.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.trucewatch.store.Rows;
import org.trucewatch.store.Store;

/**
 * Alerts that follow the store's log of statements ({@link Statement}): the webhooks and e-mail.
 *
 * @param <T> what an entry gives a receiver, ready to be sent
 */
abstract class StatementAlerts<T> extends Alerts<T> {
  StatementAlerts(String channel, Store store, List<Duration> retryDelays, Duration poll) {
    super(channel, store, retryDelays, poll);
  }

  /** What statement {@code s} gives a receiver, ready to be sent. */
  abstract T payload(Rows.Statement s);

  @Override
  protected final long logEnd() {
    return store().statementLogEnd();
  }

  @Override
  protected final List<Entry<T>> after(int k, long place) {
    List<Entry<T>> out = new ArrayList<>();
    for (Rows.Statement s : store().statementsAfter(place, BATCH)) {
      out.add(new Entry<>(s.seq(), alertId(s.body()), payload(s)));
    }
    return out;
  }

  @Override
  protected final boolean wroteTo(Monitor.DaysStated stated) {
    return !stated.days().isEmpty();
  }
}
