package org.trucewatch.run;

import org.trucewatch.geo.Placement;
import org.trucewatch.observation.Observation;
import org.trucewatch.scoring.Score;

/** One detection with its placement and score. */
public record ClassifiedDetection(Observation observation, Placement placement, Score score) {}
