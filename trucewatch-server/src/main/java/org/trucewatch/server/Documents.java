package org.trucewatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.trucewatch.store.Rows;
import org.trucewatch.store.Store;

/**
 * The current assessment's JSON documents (report.json, the map layers), parsed once per assessment
 * rather than per request, and its report and daily reports as PDF, each rendered once per
 * assessment (a render of the report takes about half a second and a hundred megabytes; requests
 * that arrive meanwhile wait for it rather than render it again; renders of different PDFs wait for
 * each other, but not for the signatures and time-stamps of those rendered before). Another process
 * may replace the assessment, so each read asks the store when it was made; only a new one is read
 * and parsed or rendered again. The nodes returned are shared: callers copy before changing them.
 */
final class Documents {
  private final Store store;
  private final ObjectMapper json;
  private final Map<Store.Text, JsonNode> parsed = new EnumMap<>(Store.Text.class);
  private Rows.AssessmentInfo current;
  private final Runnable onRender;
  private final java.util.function.UnaryOperator<byte[]> finish;

  /**
   * @param onRender called after each PDF render (the server counts them)
   * @param finish applied to each PDF rendered before it is kept and served (the mission's
   *     signature)
   */
  Documents(
      Store store,
      ObjectMapper json,
      Runnable onRender,
      java.util.function.UnaryOperator<byte[]> finish) {
    this.store = store;
    this.json = json;
    this.onRender = onRender;
    this.finish = finish;
  }

  /** A document of the current assessment; 404 {@code no_assessment} before there is one. */
  synchronized JsonNode get(Store.Text text) {
    Rows.AssessmentInfo now = assessment();
    if (!now.equals(current)) {
      parsed.clear();
      current = now;
    }
    return parsed.computeIfAbsent(text, this::read);
  }

  /**
   * The current assessment's report.html as PDF; 404 {@code no_assessment} before there is one. The
   * bytes are shared: callers do not change them.
   */
  byte[] pdf() {
    return printed(
            REPORT,
            () ->
                Optional.of(
                    store
                        .assessmentText(Store.Text.REPORT_HTML)
                        .orElseThrow(Documents::noAssessment)))
        .orElseThrow();
  }

  /**
   * A report day's daily report as PDF, rendered from the stored page once per assessment (and
   * again only when it has left the {@link #MAX_PDFS} most recently asked); empty when the
   * assessment has no such day.
   */
  Optional<byte[]> dayPdf(LocalDate day) {
    return printed(day, () -> store.dayPage(day));
  }

  /** The key of report.pdf among the PDFs kept; the daily reports' keys are their days. */
  private static final Object REPORT = new Object();

  /** How many PDFs are kept (each some tens of kilobytes, the report's some hundreds). */
  static final int MAX_PDFS = 65;

  /**
   * The PDFs of the current assessment, each as it is or while it is made, the most recently asked
   * first. Guarded by itself.
   */
  private final Map<Object, CompletableFuture<Optional<byte[]>>> pdfs =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(
            Map.Entry<Object, CompletableFuture<Optional<byte[]>>> eldest) {
          return size() > MAX_PDFS;
        }
      };

  private Rows.AssessmentInfo pdfsOf;

  /** Held while a page is rendered as PDF: one at a time, as a render of the report is large. */
  private final Object rendering = new Object();

  /**
   * The PDF of {@code page} kept under {@code key}, made once per assessment: the first request
   * renders and signs it, and those that ask for the same PDF meanwhile wait for it. Renders wait
   * for each other, but the signature (and the time-stamp authority it may ask, for up to {@link
   * TimeStamps#TIMEOUT}) is made outside, so that other PDFs are rendered meanwhile. A render or
   * signature that fails fails the requests waiting for it, and the next request tries again.
   */
  private Optional<byte[]> printed(Object key, Supplier<Optional<String>> page) {
    CompletableFuture<Optional<byte[]>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<byte[]>> theirs;
    synchronized (pdfs) {
      Rows.AssessmentInfo now = assessment();
      if (!now.equals(pdfsOf)) {
        pdfs.clear();
        pdfsOf = now;
      }
      theirs = pdfs.putIfAbsent(key, mine);
    }
    if (theirs != null) {
      try {
        return theirs.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }
    try {
      Optional<byte[]> made = page.get().map(this::render);
      mine.complete(made);
      if (made.isEmpty()) {
        forget(key, mine);
      }
      return made;
    } catch (RuntimeException | Error e) {
      forget(key, mine);
      mine.completeExceptionally(e);
      throw e;
    }
  }

  private void forget(Object key, CompletableFuture<Optional<byte[]>> made) {
    synchronized (pdfs) {
      pdfs.remove(key, made);
    }
  }

  private byte[] render(String html) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    synchronized (rendering) {
      try {
        org.trucewatch.reports.ReportPdf.write(html, out);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    onRender.run();
    return finish.apply(out.toByteArray());
  }

  /**
   * The ids of the monitoring sectors of the current assessment's terms, in their order; none
   * before an assessment.
   */
  List<String> sectorIds() {
    if (store.assessment().isEmpty()) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    get(Store.Text.MAP_LAYERS)
        .path("sectors")
        .path("features")
        .forEach(f -> ids.add(f.path("properties").path("id").asText()));
    return ids;
  }

  private Rows.AssessmentInfo assessment() {
    return store.assessment().orElseThrow(Documents::noAssessment);
  }

  /** The answer before anything is assessed: 404 {@code no_assessment}, saying what is missing. */
  static ApiError noAssessment() {
    return new ApiError(
        404,
        "no_assessment",
        "nothing has been assessed yet: the store needs truce terms (serve --terms FILE) and"
            + " observations (ingest)");
  }

  private JsonNode read(Store.Text text) {
    String s = store.assessmentText(text).orElseThrow(Documents::noAssessment);
    try {
      return json.readTree(s);
    } catch (IOException e) {
      throw new IllegalStateException("the stored " + text + " is not JSON", e);
    }
  }
}
