/**
 * NASA FIRMS CSV files in every variant users download: VIIRS and MODIS, NRT and standard, the
 * reduced three-column history and The Economist's labelled file. One row mapper per product.
 */
package org.trucewatch.sources.firms;
