/**
 * Where an observation is: the control map and the line of contact derived from it, whose ground a
 * point is on, its signed distance to the line in metres, and its oblast; and the area of interest
 * that ingest keeps. Distances are computed here and nowhere else.
 */
package org.trucewatch.geo;
