package org.trucewatch.reports;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * report.pdf: the XHTML report printed with openhtmltopdf (SVG through Batik). The file carries no
 * creation time and its document id is a hash of the content, so the same report gives the same
 * bytes.
 */
public final class ReportPdf {
  /** Kept referenced so that the level set on it stays in force. */
  private static final java.util.logging.Logger PDFBOX_LOG =
      java.util.logging.Logger.getLogger("org.apache.pdfbox");

  static {
    com.openhtmltopdf.util.XRLog.setLoggingEnabled(false);
    PDFBOX_LOG.setLevel(java.util.logging.Level.SEVERE);
  }

  /** The font family of the report's text, which ReportHtml's style sheet names first. */
  static final String FAMILY = "DejaVu Sans Condensed";

  /**
   * An embedded face of {@link #FAMILY}: its file in {@code fonts/} (with the licence) and weight.
   */
  private record Face(String file, int weight) {}

  private static final List<Face> FACES =
      List.of(
          new Face("DejaVuSansCondensed.ttf", 400), new Face("DejaVuSansCondensed-Bold.ttf", 700));

  /** A figure's opening tag and the name its {@code aria-label} gives it. */
  private static final java.util.regex.Pattern FIGURE =
      java.util.regex.Pattern.compile("(<svg\\b[^>]*?\\saria-label=\"([^\"]*)\")");

  private ReportPdf() {}

  /**
   * The page with each figure's {@code aria-label} also as its {@code alt}, which the tagged PDF
   * takes as the figure's text (the page itself keeps to SVG's attributes).
   */
  static String withFigureText(String xhtml) {
    return FIGURE.matcher(xhtml).replaceAll("$1 alt=\"$2\"");
  }

  public static void write(String xhtml, OutputStream out) throws IOException {
    PdfRendererBuilder b = new PdfRendererBuilder();
    b.useFastMode();
    // a tagged PDF (PDF/UA): its headings, tables, lists and figures are marked as such, in reading
    // order, so that a screen reader reads the printed report as it reads the page
    b.usePdfUaAccessibility(true);
    b.useSVGDrawer(new BatikSVGDrawer());
    // the PDF's standard fonts (Helvetica) have no Cyrillic: a truce, zone or site named in
    // Ukrainian would print as #####. The PDF embeds the subset of the glyphs the report uses.
    // A tagged PDF embeds every font it uses: the face prints the text of the page, of its SVG
    // figures and whatever names no family the PDF has (the renderer's own monospace).
    for (Face face : FACES) {
      b.useFont(
          () -> ReportPdf.class.getResourceAsStream("fonts/" + face.file()),
          FAMILY,
          face.weight(),
          BaseRendererBuilder.FontStyle.NORMAL,
          true,
          java.util.EnumSet.of(
              BaseRendererBuilder.FSFontUseCase.DOCUMENT,
              BaseRendererBuilder.FSFontUseCase.SVG,
              BaseRendererBuilder.FSFontUseCase.FALLBACK_FINAL));
    }
    b.withHtmlContent(withFigureText(xhtml), null);
    b.withProducer("Truce Watch");
    try (PdfBoxRenderer renderer = b.buildPdfRenderer()) {
      renderer.createPDFWithoutClosing();
      PDDocument doc = renderer.getPdfDocument();
      doc.getDocumentInformation().setCreationDate(null);
      doc.getDocumentInformation().setModificationDate(null);
      byte[] id = sha256(xhtml);
      COSArray ids = new COSArray();
      ids.add(new COSString(id));
      ids.add(new COSString(id));
      doc.getDocument().getTrailer().setItem(COSName.ID, ids);
      doc.save(out);
    }
  }

  private static byte[] sha256(String s) {
    try {
      byte[] full = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return java.util.Arrays.copyOf(full, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
