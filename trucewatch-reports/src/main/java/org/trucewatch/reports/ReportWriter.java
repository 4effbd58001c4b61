package org.trucewatch.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.trucewatch.run.PeriodReport;

/**
 * Writes the seven report files into a folder, and each report day's page into its folder {@code
 * days}. All are written to temporary names first and then moved into place, so a reader never sees
 * half a file, and a failure while writing (a full disk) leaves the previous report as it was.
 */
public final class ReportWriter {
  /** The files written, in order. */
  public static final List<String> FILES =
      List.of(
          "report.html",
          MethodHtml.FILE,
          "report.pdf",
          "report.json",
          "incidents.geojson",
          "findings.csv",
          "sources.csv");

  private ReportWriter() {}

  public static void write(ReportInput in, Path dir) throws IOException {
    Files.createDirectories(dir);
    String html = ReportHtml.render(in);
    List<Path> written = new ArrayList<>();
    Path days = tmp(dir, ReportHtml.DAYS_FOLDER);
    try {
      deleteTree(days);
      Files.createDirectory(days);
      written.add(days);
      for (Map.Entry<LocalDate, String> page : ReportHtml.renderDays(in).entrySet()) {
        Files.writeString(
            days.resolve(ReportHtml.dayFile(page.getKey())),
            page.getValue(),
            StandardCharsets.UTF_8);
      }
      written.add(text(dir, "report.html", html));
      PeriodReport r = in.report();
      written.add(
          text(
              dir,
              MethodHtml.FILE,
              MethodHtml.render(
                  r.terms(), r.termsFile().name(), r.termsFile().sha256(), r.methodVersion())));
      Path pdf = tmp(dir, "report.pdf");
      written.add(pdf);
      try (OutputStream os = Files.newOutputStream(pdf)) {
        ReportPdf.write(html, os);
      }
      written.add(text(dir, "report.json", ReportJson.render(in)));
      written.add(text(dir, "incidents.geojson", IncidentsGeoJson.render(in)));
      written.add(text(dir, "findings.csv", FindingsCsv.render(in)));
      written.add(text(dir, "sources.csv", SourcesCsv.render(in)));
    } catch (IOException | RuntimeException e) {
      for (Path p : written) {
        deleteTree(p);
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
    // the days of the previous report go as a whole: a shorter period leaves none of its pages
    Path old = dir.resolve(ReportHtml.DAYS_FOLDER + ".old");
    deleteTree(old);
    Path current = dir.resolve(ReportHtml.DAYS_FOLDER);
    if (Files.exists(current)) {
      Files.move(current, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(days, current, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
  }

  /** Deletes a file, or a folder with the files in it; nothing when it is not there. */
  private static void deleteTree(Path p) throws IOException {
    if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> files = Files.list(p)) {
        for (Path f : files.toList()) {
          deleteTree(f);
        }
      }
    }
    Files.deleteIfExists(p);
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
