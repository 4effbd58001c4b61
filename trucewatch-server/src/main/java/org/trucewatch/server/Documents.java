package org.trucewatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.trucewatch.store.Rows;
import org.trucewatch.store.Store;

/**
 * The current assessment's JSON documents (report.json, the map layers), parsed once per assessment
 * rather than per request, and its report and daily reports as PDF, each rendered once per
 * assessment (a render of the report takes about half a second and a hundred megabytes; requests
 * that arrive meanwhile wait for it rather than render it again). Another process may replace the
 * assessment, so each read asks the store when it was made; only a new one is read and parsed or
 * rendered again. The nodes returned are shared: callers copy before changing them.
 */
final class Documents {
  private final Store store;
  private final ObjectMapper json;
  private final Map<Store.Text, JsonNode> parsed = new EnumMap<>(Store.Text.class);
  private Rows.AssessmentInfo current;
  private final Object pdfLock = new Object();
  private Pdf pdf;
  private final Runnable onRender;
  private final java.util.function.UnaryOperator<byte[]> finish;

  private record Pdf(Rows.AssessmentInfo of, byte[] bytes) {}

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
    synchronized (pdfLock) {
      Rows.AssessmentInfo now = assessment();
      if (pdf == null || !pdf.of().equals(now)) {
        String html =
            store.assessmentText(Store.Text.REPORT_HTML).orElseThrow(Documents::noAssessment);
        pdf = new Pdf(now, render(html));
      }
      return pdf.bytes();
    }
  }

  /** Daily reports as PDF rendered for the current assessment, the most recently asked first. */
  private final Map<java.time.LocalDate, byte[]> dayPdfs =
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<java.time.LocalDate, byte[]> eldest) {
          return size() > MAX_DAY_PDFS;
        }
      };

  private Rows.AssessmentInfo dayPdfsOf;

  /** How many daily reports are kept as PDF (each some tens of kilobytes). */
  static final int MAX_DAY_PDFS = 64;

  /**
   * A report day's daily report as PDF, rendered from the stored page once per assessment (and
   * again only when it has left the {@link #MAX_DAY_PDFS} most recently asked); empty when the
   * assessment has no such day. Renders wait for each other, as {@link #pdf()} does.
   */
  java.util.Optional<byte[]> dayPdf(java.time.LocalDate day) {
    synchronized (pdfLock) {
      Rows.AssessmentInfo now = assessment();
      if (!now.equals(dayPdfsOf)) {
        dayPdfs.clear();
        dayPdfsOf = now;
      }
      byte[] cached = dayPdfs.get(day);
      if (cached != null) {
        return java.util.Optional.of(cached);
      }
      java.util.Optional<String> html = store.dayPage(day);
      if (html.isEmpty()) {
        return java.util.Optional.empty();
      }
      byte[] bytes = render(html.get());
      dayPdfs.put(day, bytes);
      return java.util.Optional.of(bytes);
    }
  }

  private byte[] render(String html) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      org.trucewatch.reports.ReportPdf.write(html, out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
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
