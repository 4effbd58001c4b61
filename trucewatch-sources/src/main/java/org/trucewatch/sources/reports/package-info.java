/**
 * Surveillance reports: what observers, drones, fixed cameras and acoustic sensors saw or heard, as
 * CSV rows with the uncertainty of their place.
 */
package org.trucewatch.sources.reports;
