package org.trucewatch.sources.csv;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Column names of a FIRMS file, matched case-insensitively. */
public final class Header {
  private final Map<String, Integer> index = new HashMap<>();
  private final int size;

  public Header(List<String> names) {
    for (int i = 0; i < names.size(); i++) {
      index.putIfAbsent(names.get(i).trim().toLowerCase(Locale.ROOT), i);
    }
    this.size = names.size();
  }

  public int index(String lowercaseName) {
    return index.getOrDefault(lowercaseName, -1);
  }

  public boolean has(String lowercaseName) {
    return index.containsKey(lowercaseName);
  }

  public int size() {
    return size;
  }
}
