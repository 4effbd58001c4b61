package org.trucewatch.sources.firms;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Column names of a FIRMS file, matched case-insensitively. */
final class Header {
  private final Map<String, Integer> index = new HashMap<>();
  private final int size;

  Header(List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      index.putIfAbsent(names.get(i).trim().toLowerCase(Locale.ROOT), i);
    }
    this.size = names.size();
  }

  int index(String lowercaseName) {
    return index.getOrDefault(lowercaseName, -1);
  }

  boolean has(String lowercaseName) {
    return index.containsKey(lowercaseName);
  }

  int size() {
    return size;
  }
}
