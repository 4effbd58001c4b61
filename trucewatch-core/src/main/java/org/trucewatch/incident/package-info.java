/** Observations grouped in space and time into incidents, with their corroborating sources. */
package org.trucewatch.incident;
