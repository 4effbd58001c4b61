package org.trucewatch.reports;

import java.util.List;
import java.util.Locale;
import org.trucewatch.run.PeriodReport;

/** The report's chart as SVG: detections and war-related detections per report day. */
public final class SvgChart {
  private SvgChart() {}

  public static String render(PeriodReport r) {
    List<PeriodReport.Day> days = r.days();
    double w = 900;
    double h = 240;
    double left = 44;
    double bottom = 40;
    double top = 16;
    int max = 1;
    for (PeriodReport.Day d : days) {
      max = Math.max(max, d.counts().detections());
    }
    double slot = (w - left - 10) / Math.max(1, days.size());
    double plot = h - bottom - top;
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"chart\" width=\"%.0f\" height=\"%.0f\""
                + " viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"10\" role=\"img\""
                + " aria-label=\"Detections per report day\">",
            w,
            h,
            w,
            h));
    for (int i = 0; i < days.size(); i++) {
      PeriodReport.Day d = days.get(i);
      double x = left + i * slot;
      if (d.phase() == PeriodReport.Phase.TRUCE) {
        sb.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#fdf1dc\"/>",
                x,
                top,
                slot,
                plot));
      }
      if (d.coverage().status().equals("not-observed")) {
        sb.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" fill=\"#999\" font-size=\"8\" text-anchor=\"middle\">n/o</text>",
                x + slot / 2,
                top + plot - 2));
        continue;
      }
      double bh = plot * d.counts().detections() / max;
      double wh = plot * d.counts().warRelated() / max;
      sb.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#9ecae1\">"
                  + "<title>%s: %d detection%s</title></rect>",
              x + 1,
              top + plot - bh,
              Math.max(1, slot - 2),
              bh,
              d.date(),
              d.counts().detections(),
              d.counts().detections() == 1 ? "" : "s"));
      sb.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#b2182b\">"
                  + "<title>%s: %d war-related</title></rect>",
              x + 1,
              top + plot - wh,
              Math.max(1, slot - 2),
              wh,
              d.date(),
              d.counts().warRelated()));
      if (days.size() <= 40 || i % 5 == 0) {
        sb.append(
            String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" transform=\"rotate(-60 %.1f %.1f)\">%s</text>",
                x + slot / 2,
                h - bottom + 12,
                x + slot / 2,
                h - bottom + 12,
                d.date().toString().substring(5)));
      }
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#333\"/>",
            left,
            top + plot,
            w - 10,
            top + plot));
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">%d</text>",
            left - 4,
            top + 8,
            max));
    sb.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">0</text>",
            left - 4,
            top + plot));
    sb.append(
        "<text x=\"50\" y=\"12\">detections per report day (blue), war-related (red);"
            + " shaded: truce; n/o: not observed</text>");
    sb.append("</svg>");
    return sb.toString();
  }
}
