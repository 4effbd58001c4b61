package org.trucewatch.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the five report files into a folder. All five are written to temporary names first and
 * then moved into place, so a reader never sees half a file, and a failure while writing (a full
 * disk) leaves the previous report as it was.
 */
public final class ReportWriter {
  /** The files written, in order. */
  public static final List<String> FILES =
      List.of("report.html", "report.pdf", "report.json", "incidents.geojson", "findings.csv");

  private ReportWriter() {}

  public static void write(ReportInput in, Path dir) throws IOException {
    Files.createDirectories(dir);
    String html = ReportHtml.render(in);
    List<Path> written = new ArrayList<>();
    try {
      written.add(text(dir, "report.html", html));
      Path pdf = tmp(dir, "report.pdf");
      written.add(pdf);
      try (OutputStream os = Files.newOutputStream(pdf)) {
        ReportPdf.write(html, os);
      }
      written.add(text(dir, "report.json", ReportJson.render(in)));
      written.add(text(dir, "incidents.geojson", IncidentsGeoJson.render(in)));
      written.add(text(dir, "findings.csv", FindingsCsv.render(in)));
    } catch (IOException | RuntimeException e) {
      for (Path p : written) {
        if (Files.isRegularFile(p)) {
          Files.delete(p);
        }
      }
      throw e;
    }
    for (String name : FILES) {
      Files.move(
          tmp(dir, name),
          dir.resolve(name),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static Path tmp(Path dir, String name) {
    return dir.resolve(name + ".tmp");
  }

  private static Path text(Path dir, String name, String content) throws IOException {
    Path tmp = tmp(dir, name);
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    return tmp;
  }
}
