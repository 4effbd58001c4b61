package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.VeraPDFFoundry;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** PDF/UA-1 as veraPDF, the reference validator, judges it. */
public final class PdfUa {
  private PdfUa() {}

  /**
   * What veraPDF finds against PDF/UA-1 in {@code pdf}: a line a rule broken, none if conformant.
   */
  public static List<String> broken(byte[] pdf) throws Exception {
    VeraGreenfieldFoundryProvider.initialise();
    PDFAFlavour ua = PDFAFlavour.PDFUA_1;
    VeraPDFFoundry foundry = Foundries.defaultInstance();
    try (PDFAParser parser = foundry.createParser(new ByteArrayInputStream(pdf), ua);
        PDFAValidator validator = foundry.createValidator(ua, false)) {
      ValidationResult r = validator.validate(parser);
      Set<String> broken = new TreeSet<>();
      for (TestAssertion t : r.getTestAssertions()) {
        if (t.getStatus() == TestAssertion.Status.FAILED) {
          broken.add(
              t.getRuleId().getClause()
                  + "-"
                  + t.getRuleId().getTestNumber()
                  + " "
                  + t.getMessage());
        }
      }
      assertThat(r.isCompliant()).as(broken.toString()).isEqualTo(broken.isEmpty());
      return List.copyOf(broken);
    }
  }
}
