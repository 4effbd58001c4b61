/**
 * The expected background of thermal anomalies per 0.1° cell and season, learned from years without
 * full-scale war, and the scoring of observed activity against it: how unlikely a cell-day is, and
 * which detections are taken to be war-related.
 */
package org.trucewatch.scoring;
