package org.trucewatch.scoring;

import org.trucewatch.geo.Placement;
import org.trucewatch.observation.Observation;

/** One detection with its placement and score. */
public record ClassifiedDetection(Observation observation, Placement placement, Score score) {}
