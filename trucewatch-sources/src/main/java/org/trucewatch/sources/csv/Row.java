package org.trucewatch.sources.csv;

import java.util.List;

/** One CSV row with access by (lowercase) column name through the file's header. */
public final class Row {
  private final Header header;
  private final List<String> fields;

  public Row(Header header, List<String> fields) {
    this.header = header;
    this.fields = fields;
  }

  /** The raw value of a column, trimmed, or {@code null} when the file has no such column. */
  public String get(String column) {
    int i = header.index(column);
    return i < 0 ? null : fields.get(i).trim();
  }

  /** The raw value of a column that must be present and non-empty. */
  public String require(String column) throws RowException {
    String v = get(column);
    if (v == null || v.isEmpty()) {
      throw new RowException(column, "missing-value", column + " is empty");
    }
    return v;
  }

  public boolean has(String column) {
    return header.index(column) >= 0;
  }
}
