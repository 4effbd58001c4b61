/**
 * A run strings the stages together (place, score, and later cluster, assess, publish) for a set of
 * inputs, and counts what each stage did. The method version stamped on every output lives here.
 */
package org.trucewatch.run;
