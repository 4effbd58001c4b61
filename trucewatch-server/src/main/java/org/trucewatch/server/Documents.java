package org.trucewatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import org.trucewatch.store.Rows;
import org.trucewatch.store.Store;

/**
 * The current assessment's JSON documents (report.json, the map layers), parsed once per assessment
 * rather than per request. Another process may replace the assessment, so each read asks the store
 * when it was made; only a new one is read and parsed again. The nodes returned are shared: callers
 * copy before changing them.
 */
final class Documents {
  private final Store store;
  private final ObjectMapper json;
  private final Map<Store.Text, JsonNode> parsed = new EnumMap<>(Store.Text.class);
  private Rows.AssessmentInfo current;

  Documents(Store store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  /** A document of the current assessment; 404 {@code no_assessment} before there is one. */
  synchronized JsonNode get(Store.Text text) {
    Rows.AssessmentInfo now =
        store
            .assessment()
            .orElseThrow(
                () ->
                    new ApiError(
                        404,
                        "no_assessment",
                        "nothing has been assessed yet: the store needs truce terms (serve --terms FILE) and"
                            + " observations (ingest)"));
    if (!now.equals(current)) {
      parsed.clear();
      current = now;
    }
    return parsed.computeIfAbsent(text, this::read);
  }

  private JsonNode read(Store.Text text) {
    String s =
        store
            .assessmentText(text)
            .orElseThrow(() -> new ApiError(404, "no_assessment", "nothing has been assessed yet"));
    try {
      return json.readTree(s);
    } catch (IOException e) {
      throw new IllegalStateException("the stored " + text + " is not JSON", e);
    }
  }
}
