package org.trucewatch.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.trucewatch.observation.IngestReport;
import org.trucewatch.observation.Rejection;
import org.trucewatch.run.InputFile;

/**
 * The JSON report of one ingested file, as the server's ingest answers it and the streaming job
 * writes it (docs/server.md, "Tokens and ingest"): the file, its format, its counts and its
 * rejected rows.
 */
public final class IngestJson {
  /** At most this many rejected rows are listed; {@code by_reason} counts them all. */
  public static final int MAX_LISTED = 100;

  private IngestJson() {}

  /** What every ingest report begins with: the file, its format, its counts and rejections. */
  public static ObjectNode head(String name, InputFile f, IngestReport r) {
    ObjectNode report = JsonNodeFactory.instance.objectNode();
    report.put("file", name);
    report.put("sha256", f.sha256());
    report.put("format", r.format());
    report.put("rows_read", f.rowsRead());
    report.put("kept", f.kept());
    report.put("rejected", f.rejected());
    report.set("rejections", rejections(r));
    return report;
  }

  /** The rejections by reason, and the first {@link #MAX_LISTED} rows with file, line and field. */
  public static ObjectNode rejections(IngestReport r) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    ObjectNode by = n.putObject("by_reason");
    r.rejectedByReason().forEach(by::put);
    ArrayNode list = n.putArray("rows");
    for (Rejection rej : r.rejections()) {
      if (list.size() == MAX_LISTED) {
        break;
      }
      ObjectNode x = list.addObject();
      x.put("file", rej.file());
      x.put("line", rej.line());
      x.put("field", rej.column());
      x.put("reason", rej.reason());
      x.put("message", rej.describe());
      x.put("raw", rej.raw());
    }
    return n;
  }
}
