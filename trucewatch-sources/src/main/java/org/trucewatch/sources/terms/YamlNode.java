package org.trucewatch.sources.terms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** A YAML node with its key path and line, so that every error can say where it is. */
final class YamlNode {
  private final String file;
  private final String path;
  private final Node node;

  YamlNode(String file, String path, Node node) {
    this.file = file;
    this.path = path;
    this.node = node;
  }

  int line() {
    return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  String path() {
    return path;
  }

  TermsException error(String problem) {
    return new TermsException(file + ":" + line() + ": " + path + ": " + problem);
  }

  TermsException missing(String key) {
    String p = path.isEmpty() ? key : path + "." + key;
    return new TermsException(file + ":" + line() + ": " + p + ": is missing");
  }

  Map<String, YamlNode> mapping(Set<String> allowed) throws TermsException {
    if (!(node instanceof MappingNode m)) {
      throw error("must be a mapping of keys to values");
    }
    Map<String, YamlNode> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode k)) {
        throw new YamlNode(file, path, t.getKeyNode()).error("keys must be plain words");
      }
      String key = k.getValue();
      String childPath = path.isEmpty() ? key : path + "." + key;
      YamlNode child = new YamlNode(file, childPath, t.getValueNode());
      if (!allowed.contains(key)) {
        throw new YamlNode(file, childPath, t.getKeyNode())
            .error(
                "unknown key; expected one of "
                    + String.join(", ", new java.util.TreeSet<>(allowed)));
      }
      if (out.put(key, child) != null) {
        throw child.error("given twice");
      }
    }
    return out;
  }

  List<YamlNode> sequence() throws TermsException {
    if (!(node instanceof SequenceNode s)) {
      throw error("must be a list");
    }
    List<YamlNode> out = new ArrayList<>();
    List<Node> items = s.getValue();
    for (int i = 0; i < items.size(); i++) {
      out.add(new YamlNode(file, path + "[" + i + "]", items.get(i)));
    }
    return out;
  }

  String text() throws TermsException {
    if (!(node instanceof ScalarNode s)) {
      throw error("must be a single value");
    }
    return s.getValue();
  }

  double number() throws TermsException {
    String v = text();
    try {
      double d = Double.parseDouble(v);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw error("must be a number, was " + v);
    }
  }

  boolean bool() throws TermsException {
    String v = text();
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    throw error("must be true or false, was " + v);
  }

  /** The node as plain Java values (maps, lists, strings), for GeoJSON geometries. */
  Object plain() throws TermsException {
    if (node instanceof ScalarNode s) {
      String v = s.getValue();
      try {
        return Double.parseDouble(v);
      } catch (NumberFormatException e) {
        return v;
      }
    }
    if (node instanceof SequenceNode) {
      List<Object> out = new ArrayList<>();
      for (YamlNode c : sequence()) {
        out.add(c.plain());
      }
      return out;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (NodeTuple t : ((MappingNode) node).getValue()) {
      out.put(
          ((ScalarNode) t.getKeyNode()).getValue(),
          new YamlNode(file, path, t.getValueNode()).plain());
    }
    return out;
  }
}
