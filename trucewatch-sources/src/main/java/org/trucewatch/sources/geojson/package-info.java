/** GeoJSON inputs: control maps (occupied areas) and regions (oblasts). */
package org.trucewatch.sources.geojson;
