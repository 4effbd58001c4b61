/**
 * Observations grouped in space and time into incidents, with the independent sources that
 * corroborate each.
 */
package org.trucewatch.incident;
