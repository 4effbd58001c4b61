package org.trucewatch.reports;

/**
 * Escaping for text and attribute values in XHTML and SVG (the reports' and the server's pages).
 */
public final class Xml {
  private Xml() {}

  /** {@code s} as text or an attribute value: {@code & < > " '} escaped. */
  public static String esc(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
