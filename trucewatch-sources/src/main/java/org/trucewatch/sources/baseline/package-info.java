/** The shipped background-history file: reading it, and building it from FIRMS history files. */
package org.trucewatch.sources.baseline;
