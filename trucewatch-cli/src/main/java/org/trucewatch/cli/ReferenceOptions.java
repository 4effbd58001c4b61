package org.trucewatch.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Options shared by the commands that classify: where the reference data comes from. */
final class ReferenceOptions {
  @Option(
      names = "--control",
      arity = "1..*",
      paramLabel = "FILE",
      description =
          "Control map (GeoJSON of the occupied area, DeepState daily or ISW/CTP). Cell-days"
              + " more than 100 km from its line of contact need a larger excess. Several maps"
              + " (one per date): each detection takes the latest map dated on or before its day,"
              + " days before the first map the first. Without it, side and distance to the line"
              + " are left empty and every cell-day takes the near offset (evaluate: the bundled"
              + " map of early 2023).")
  List<Path> control = List.of();

  @Option(
      names = "--known-fire-areas",
      paramLabel = "FILE",
      description =
          "YAML file of areas and periods whose fires are established as not war-related"
              + " (key known_fire_areas, as in the terms): their detections are left out of the"
              + " counts and never war-related.")
  Path knownFireAreas;

  @Option(
      names = "--regions",
      paramLabel = "FILE",
      description = "Regions GeoJSON (iso_3166_2, name_en). Default: the bundled oblasts.")
  Path regions;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "Background history file. Default: the bundled one (see 'baseline').")
  Path baseline;
}
