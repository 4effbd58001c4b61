package org.trucewatch.cli;

import java.nio.file.Path;
import java.util.List;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.geo.Region;
import org.trucewatch.sources.terms.TermsException;
import org.trucewatch.sources.terms.TermsReader;

/** Loads a terms file, turning its mistakes into one-line input failures. */
final class Truces {
  private Truces() {}

  static TruceContext load(Path terms, List<Region> regions) {
    PathChecks.inputFile(terms);
    try {
      return TermsReader.read(terms, regions);
    } catch (TermsException e) {
      throw new InputFailure(e.getMessage(), e);
    }
  }
}
