/**
 * Renderers of a period report: report.json, incidents.geojson, findings.csv, and the
 * self-contained report.html with its SVG map and chart, also printed to report.pdf.
 */
package org.trucewatch.reports;
