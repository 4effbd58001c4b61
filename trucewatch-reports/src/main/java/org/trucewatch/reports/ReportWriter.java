package org.trucewatch.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes the five report files into a folder. Each file is written to a temporary name and moved
 * into place, so a reader never sees half a file.
 */
public final class ReportWriter {
  /** The files written, in order. */
  public static final List<String> FILES =
      List.of("report.html", "report.pdf", "report.json", "incidents.geojson", "findings.csv");

  private ReportWriter() {}

  public static void write(ReportInput in, Path dir) throws IOException {
    Files.createDirectories(dir);
    String html = ReportHtml.render(in);
    text(dir.resolve("report.html"), html);
    Path pdfTmp = dir.resolve("report.pdf.tmp");
    try (OutputStream os = Files.newOutputStream(pdfTmp)) {
      ReportPdf.write(html, os);
    }
    Files.move(
        pdfTmp,
        dir.resolve("report.pdf"),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
    text(dir.resolve("report.json"), ReportJson.render(in));
    text(dir.resolve("incidents.geojson"), IncidentsGeoJson.render(in));
    text(dir.resolve("findings.csv"), FindingsCsv.render(in));
  }

  private static void text(Path target, String content) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
