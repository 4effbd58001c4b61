package org.trucewatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.store.Features;
import org.trucewatch.store.Layer;
import org.trucewatch.store.Store;

/**
 * OGC API - Features - Part 1: Core, with GeoJSON and an OpenAPI 3.0 definition, at {@code /ogc},
 * and Part 2: CRS by reference ({@link Crs}: {@code crs} and {@code bbox-crs} of CRS84, EPSG:4326
 * and EPSG:3857, {@code Content-Crs}). Collections: {@code observations}, {@code incidents}, {@code
 * findings} and {@code surveillance-reports} (each reader served the reports released to it), as
 * points stored in CRS84. Items take {@code bbox}, {@code datetime}, {@code limit} and {@code
 * offset} (the next links use it), and the API's own filters {@code day}, {@code side}, {@code
 * oblast}, {@code sector}, {@code verdict}, {@code war_related} and {@code incident} (none of them
 * for surveillance reports); any other parameter is refused with 400, as the standard asks.
 */
final class Ogc {
  static final String CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
  static final String GEOJSON_CONF =
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson";
  static final String OAS30 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30";
  static final String CRS84 = Crs.CRS84.uri;
  static final int DEFAULT_LIMIT = 100;

  private static final List<String> ITEM_PARAMS =
      List.of(
          "bbox",
          "datetime",
          "limit",
          "offset",
          "f",
          "day",
          "side",
          "oblast",
          "sector",
          "verdict",
          "war_related",
          "incident",
          "review",
          "crs",
          "bbox-crs");

  private static final Map<Layer, String> DESCRIPTIONS =
      Map.of(
          Layer.OBSERVATIONS,
          "Satellite thermal anomalies (FIRMS) with whose ground they are on, distance to the line"
              + " of contact, oblast, monitoring sector, background score, the war-related classification (an"
              + " inference) and their incident",
          Layer.INCIDENTS,
          "Detections grouped in space and time, with the sources that saw them and the verdict"
              + " of their most serious finding",
          Layer.FINDINGS,
          "The assessment of each incident under each clause of the truce terms: verdict,"
              + " reasoning and evidence",
          Layer.SURVEILLANCE_REPORTS,
          "What observers, drones, fixed cameras and acoustic sensors reported, as their sources"
              + " gave it; each reader is served the reports released to it");

  /** An area collection: its key in the stored map layers, and its description. */
  private record Area(String layer, String description) {}

  /**
   * Collections of areas, from the terms, in the order they are listed: few features, each with its
   * full geometry.
   */
  private static final Map<String, Area> AREAS = areas();

  private static Map<String, Area> areas() {
    Map<String, Area> m = new java.util.LinkedHashMap<>();
    m.put(
        "line-of-contact",
        new Area(
            "line_of_contact",
            "The line of contact at the start of the truce, derived from the terms' control map"
                + " (the occupied area's boundary more than 3 km inside Ukraine's outline)"));
    m.put(
        "zones",
        new Area(
            "zones",
            "The truce's zones (buffer, withdrawal, exclusion), simplified for display to about"
                + " 100 m"));
    m.put(
        "sectors",
        new Area(
            "sectors",
            "The terms' monitoring sectors (id and name), by which detections, incidents and"
                + " findings are placed and counted; simplified for display to about 100 m, and"
                + " empty when the terms have none"));
    m.put(
        "background-areas",
        new Area(
            "background_areas",
            "Where the terms say heat is not war-related: static sources (industrial sites,"
                + " circles of their radius) and known fire areas (boxes, with their reason and"
                + " UTC dates)"));
    return java.util.Collections.unmodifiableMap(m);
  }

  private final Monitor monitor;
  private final Documents documents;
  private final ObjectMapper json;
  private final FeatureOutput out;

  Ogc(Monitor monitor, Documents documents, ObjectMapper json, FeatureOutput out) {
    this.monitor = monitor;
    this.documents = documents;
    this.json = json;
    this.out = out;
  }

  void routes(RoutesConfig r) {
    r.before("/ogc", Ogc::requireJson);
    r.before("/ogc/*", Ogc::requireJson);
    Server.getAndHead(r, "/ogc", this::landing);
    Server.getAndHead(r, "/ogc/", this::landing);
    Server.getAndHead(r, "/ogc/conformance", this::conformance);
    Server.getAndHead(r, "/ogc/api", this::openApi);
    Server.getAndHead(r, "/ogc/collections", this::collections);
    Server.getAndHead(r, "/ogc/collections/{collection}", this::collection);
    Server.getAndHead(r, "/ogc/collections/{collection}/items", this::items);
    Server.getAndHead(r, "/ogc/collections/{collection}/items/{featureId}", this::item);
  }

  private static String base(Context ctx) {
    return ctx.scheme() + "://" + ctx.host() + "/ogc";
  }

  private void landing(Context ctx) {
    String b = base(ctx);
    ObjectNode n = json.createObjectNode();
    n.put("title", "Truce Watch");
    n.put(
        "description",
        "Observations, incidents and findings of the ceasefire monitoring, as OGC API - Features");
    ArrayNode links = n.putArray("links");
    link(links, b, "self", "application/json", "this document");
    link(
        links,
        b + "/api",
        "service-desc",
        "application/vnd.oai.openapi+json;version=3.0",
        "the API definition");
    link(links, b + "/conformance", "conformance", "application/json", "conformance classes");
    link(links, b + "/collections", "data", "application/json", "the collections");
    link(
        links,
        ctx.scheme() + "://" + ctx.host() + "/reports/" + org.trucewatch.reports.MethodHtml.FILE,
        "describedby",
        "text/html",
        "the terms and the method that the findings rest on");
    send(ctx, "application/json", n);
  }

  private void conformance(Context ctx) {
    ObjectNode n = json.createObjectNode();
    n.putArray("conformsTo").add(CORE).add(GEOJSON_CONF).add(OAS30).add(Crs.CONFORMANCE);
    send(ctx, "application/json", n);
  }

  private void collections(Context ctx) {
    String b = base(ctx);
    ObjectNode n = json.createObjectNode();
    ArrayNode links = n.putArray("links");
    link(links, b + "/collections", "self", "application/json", "the collections");
    ArrayNode cs = n.putArray("collections");
    for (Layer l : Layer.values()) {
      cs.add(describe(b, l.key(), DESCRIPTIONS.get(l)));
    }
    AREAS.forEach((id, area) -> cs.add(describe(b, id, area.description())));
    send(ctx, "application/json", n);
  }

  private void collection(Context ctx) {
    String id = ctx.pathParam("collection");
    String description =
        AREAS.containsKey(id) ? AREAS.get(id).description() : DESCRIPTIONS.get(layer(ctx));
    send(ctx, "application/json", describe(base(ctx), id, description));
  }

  private ObjectNode describe(String b, String id, String description) {
    ObjectNode c = json.createObjectNode();
    c.put("id", id);
    c.put(
        "title",
        id.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + id.substring(1).replace('-', ' '));
    c.put("description", description);
    c.put("itemType", "feature");
    ArrayNode crs = c.putArray("crs");
    for (Crs x : Crs.values()) {
      crs.add(x.uri);
    }
    c.put("storageCrs", CRS84);
    ObjectNode extent = c.putObject("extent");
    TruceContext t = monitor.truce();
    ArrayNode bbox = extent.putObject("spatial").putArray("bbox").addArray();
    Envelope e =
        t == null ? new Envelope(22, 40.3, 44, 52.4) : t.geo().outline().getEnvelopeInternal();
    bbox.add(e.getMinX()).add(e.getMinY()).add(e.getMaxX()).add(e.getMaxY());
    ((ObjectNode) extent.get("spatial")).put("crs", CRS84);
    ArrayNode interval = extent.putObject("temporal").putArray("interval").addArray();
    JsonNode summary = reportSummary();
    if (summary != null && t != null) {
      interval.add(
          t.terms().reportDayStart(LocalDate.parse(summary.get("first_day").asText())).toString());
      interval.add(
          t.terms().reportDayEnd(LocalDate.parse(summary.get("last_day").asText())).toString());
    } else {
      interval.addNull().addNull();
    }
    ArrayNode links = c.putArray("links");
    link(links, b + "/collections/" + id, "self", "application/json", "this collection");
    link(links, b + "/collections/" + id + "/items", "items", Server.GEOJSON, "the features");
    return c;
  }

  /** The report's summary, or {@code null} before the first assessment. */
  private JsonNode reportSummary() {
    return monitor.store().assessment().isEmpty()
        ? null
        : documents.get(Store.Text.REPORT_JSON).get("summary");
  }

  private void items(Context ctx) {
    if (AREAS.containsKey(ctx.pathParam("collection"))) {
      areaItems(ctx);
      return;
    }
    Layer l = layer(ctx);
    Params.requireKnown(ctx, Params.takenBy(l, ITEM_PARAMS));
    Crs crs = Crs.of("crs", ctx.queryParam("crs"));
    Features.Filter filter =
        Params.filter(
            ctx,
            documents::sectorIds,
            Crs.of("bbox-crs", ctx.queryParam("bbox-crs")).bbox(ctx.queryParam("bbox")));
    Instant[] dt = datetime(ctx.queryParam("datetime"));
    if (dt != null) {
      filter = filter.during(dt[0], dt[1]);
    }
    int limit = Params.limit(ctx, DEFAULT_LIMIT);
    long offset = Params.offset(ctx);
    Features.Page page;
    try {
      page =
          monitor.store().query(l, filter, Server.reader(ctx, l, monitor.store()), limit, offset);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest("invalid_parameter", e.getMessage());
    }
    ObjectNode n = json.createObjectNode();
    n.put("type", "FeatureCollection");
    n.put("timeStamp", monitor.store().clock().instant().toString());
    n.put("numberMatched", page.matched());
    n.put("numberReturned", page.features().size());
    ArrayNode fs = n.putArray("features");
    for (Features.Feature x : page.features()) {
      ObjectNode g = out.geoJson(x);
      g.put("id", fid(x.id()));
      crs.write(g.get("geometry"));
      fs.add(g);
    }
    ArrayNode links = pageLinks(ctx, n, offset, limit, page.features().size(), page.matched());
    link(
        links,
        base(ctx) + "/collections/" + l.key(),
        "collection",
        "application/json",
        "the collection");
    ctx.header("Content-Crs", crs.header());
    send(ctx, Server.GEOJSON, n);
  }

  private void item(Context ctx) {
    Params.requireKnown(ctx, List.of("f", "crs"));
    Crs crs = Crs.of("crs", ctx.queryParam("crs"));
    if (AREAS.containsKey(ctx.pathParam("collection"))) {
      String id = ctx.pathParam("featureId");
      ObjectNode g =
          areaFeatures(ctx.pathParam("collection")).stream()
              .filter(x -> x.path("id").asText().equals(id))
              .findFirst()
              .orElseThrow(
                  () ->
                      ApiError.notFound("no feature " + id + " in " + ctx.pathParam("collection")));
      crs.write(g.get("geometry"));
      ArrayNode links = g.putArray("links");
      String c = base(ctx) + "/collections/" + ctx.pathParam("collection");
      link(links, c + "/items/" + id, "self", Server.GEOJSON, "this feature");
      link(links, c, "collection", "application/json", "the collection");
      ctx.header("Content-Crs", crs.header());
      send(ctx, Server.GEOJSON, g);
      return;
    }
    Layer l = layer(ctx);
    String fid = ctx.pathParam("featureId");
    Features.Feature x =
        monitor
            .store()
            .feature(l, storeId(fid), Server.reader(ctx, l, monitor.store()))
            .orElseThrow(
                () -> {
                  String message = "no feature " + fid + " in " + l.key();
                  return l == Layer.FINDINGS
                      ? Server.noFinding(
                          ctx,
                          monitor.store(),
                          fid,
                          message,
                          f -> base(ctx) + "/collections/findings/items/" + f)
                      : ApiError.notFound(message);
                });
    ObjectNode g = out.geoJson(x);
    g.put("id", fid(x.id()));
    crs.write(g.get("geometry"));
    ArrayNode links = g.putArray("links");
    String c = base(ctx) + "/collections/" + l.key();
    link(links, c + "/items/" + fid(x.id()), "self", Server.GEOJSON, "this feature");
    link(links, c, "collection", "application/json", "the collection");
    ctx.header("Content-Crs", crs.header());
    send(ctx, Server.GEOJSON, g);
  }

  /**
   * The features of an area collection, from the stored map layers, each with an id: the line of
   * contact is one feature, each zone and each background area one feature named by its id in the
   * terms.
   */
  private List<ObjectNode> areaFeatures(String collection) {
    JsonNode layers = documents.get(Store.Text.MAP_LAYERS);
    boolean line = collection.equals("line-of-contact");
    List<ObjectNode> out = new java.util.ArrayList<>();
    for (JsonNode f : layers.path(AREAS.get(collection).layer()).path("features")) {
      ObjectNode x = ((ObjectNode) f).deepCopy();
      x.put("id", line ? "line-of-contact" : f.path("properties").path("id").asText());
      out.add(x);
    }
    return out;
  }

  /**
   * Whether an area holds at some time of the interval {@code [from, to)} (either end {@code null}
   * for open): areas with UTC dates {@code from}/{@code to} (inclusive) hold on those days, the
   * others for the whole truce.
   */
  private static boolean holdsDuring(JsonNode properties, Instant from, Instant to) {
    if (!properties.hasNonNull("from")) {
      return true;
    }
    Instant start =
        LocalDate.parse(properties.get("from").asText()).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end =
        properties.hasNonNull("to")
            ? LocalDate.parse(properties.get("to").asText())
                .plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
            : null;
    return (to == null || start.isBefore(to))
        && (end == null || from == null || from.isBefore(end));
  }

  private void areaItems(Context ctx) {
    String collection = ctx.pathParam("collection");
    Params.requireKnown(
        ctx, List.of("bbox", "datetime", "limit", "offset", "f", "crs", "bbox-crs"));
    Crs crs = Crs.of("crs", ctx.queryParam("crs"));
    double[] bbox = Crs.of("bbox-crs", ctx.queryParam("bbox-crs")).bbox(ctx.queryParam("bbox"));
    Instant[] during = datetime(ctx.queryParam("datetime"));
    int limit = Params.limit(ctx, DEFAULT_LIMIT);
    long offset = Params.offset(ctx);
    List<ObjectNode> all = new java.util.ArrayList<>();
    for (ObjectNode f : areaFeatures(collection)) {
      if ((bbox == null
              || envelope(f.path("geometry"))
                  .intersects(new Envelope(bbox[0], bbox[2], bbox[1], bbox[3])))
          && (during == null || holdsDuring(f.path("properties"), during[0], during[1]))) {
        all.add(f);
      }
    }
    ObjectNode n = json.createObjectNode();
    n.put("type", "FeatureCollection");
    n.put("timeStamp", monitor.store().clock().instant().toString());
    n.put("numberMatched", all.size());
    ArrayNode fs = n.putArray("features");
    all.stream()
        .skip(offset)
        .limit(limit)
        .forEach(
            f -> {
              crs.write(f.get("geometry"));
              fs.add(f);
            });
    n.put("numberReturned", fs.size());
    pageLinks(ctx, n, offset, limit, fs.size(), all.size());
    ctx.header("Content-Crs", crs.header());
    send(ctx, Server.GEOJSON, n);
  }

  /** The self, next and prev links of a page of items, put into {@code n}; returns the links. */
  private static ArrayNode pageLinks(
      Context ctx, ObjectNode n, long offset, int limit, int returned, long matched) {
    String self = ctx.scheme() + "://" + ctx.host();
    ArrayNode links = n.putArray("links");
    link(
        links,
        self + Server.withParam(ctx, "offset", Long.toString(offset)),
        "self",
        Server.GEOJSON,
        "this page");
    if (offset + returned < matched) {
      link(
          links,
          self + Server.withParam(ctx, "offset", Long.toString(offset + returned)),
          "next",
          Server.GEOJSON,
          "next page");
    }
    if (offset > 0) {
      link(
          links,
          self + Server.withParam(ctx, "offset", Long.toString(Math.max(0, offset - limit))),
          "prev",
          Server.GEOJSON,
          "previous page");
    }
    return links;
  }

  /** The envelope of a GeoJSON geometry's coordinates. */
  static Envelope envelope(JsonNode geometry) {
    Envelope e = new Envelope();
    java.util.ArrayDeque<JsonNode> pending = new java.util.ArrayDeque<>();
    pending.add(geometry.path("coordinates"));
    while (!pending.isEmpty()) {
      JsonNode c = pending.pop();
      if (c.isArray() && c.size() >= 2 && c.get(0).isNumber()) {
        e.expandToInclude(c.get(0).asDouble(), c.get(1).asDouble());
      } else {
        c.forEach(pending::add);
      }
    }
    return e;
  }

  /**
   * Feature ids in URLs: a finding's {@code incident/clause} is written {@code incident:clause}.
   */
  static String fid(String id) {
    return id.replace('/', ':');
  }

  static String storeId(String fid) {
    return fid.replace(':', '/');
  }

  private static Layer layer(Context ctx) {
    String c = ctx.pathParam("collection");
    for (Layer l : Layer.values()) {
      if (l.key().equals(c)) {
        return l;
      }
    }
    throw ApiError.notFound(
        "no collection "
            + c
            + "; there are observations, incidents, findings, "
            + String.join(", ", AREAS.keySet()));
  }

  /**
   * Refuses (406) an {@code f} that asks for other than JSON: every resource here is JSON (items
   * GeoJSON), asked for as {@code f=json}, {@code geojson} or a JSON media type such as {@code
   * application/geo+json}. Without it, {@code f=html} would be answered with JSON.
   */
  static void requireJson(Context ctx) {
    String f = ctx.queryParam("f");
    if (f != null && !f.toLowerCase(Locale.ROOT).contains("json")) {
      throw new ApiError(
          406, "not_acceptable", "the OGC API is served as JSON only (f=json), not " + f);
    }
  }

  /**
   * An OGC datetime as a half-open interval: an instant, or an interval with {@code ..} (or
   * nothing) for an open end. A date alone stands for its whole UTC day, as an instant and as the
   * end of an interval: {@code 2025-08-16} is that day, {@code 2025-08-16/2025-08-17} both days.
   */
  static Instant[] datetime(String v) {
    if (v == null) {
      return null;
    }
    int slash = v.indexOf('/');
    if (slash < 0) {
      Instant t = Params.instant("datetime", v);
      return new Instant[] {t, end(v, t)};
    }
    String a = v.substring(0, slash);
    String b = v.substring(slash + 1);
    Instant from = a.isEmpty() || a.equals("..") ? null : Params.instant("datetime", a);
    Instant to = b.isEmpty() || b.equals("..") ? null : end(b, Params.instant("datetime", b));
    if (from != null && to != null && !from.isBefore(to)) {
      throw ApiError.badRequest(
          "invalid_parameter", "datetime interval ends before it starts: " + v);
    }
    return new Instant[] {from, to};
  }

  /**
   * The exclusive end of a closed interval that ends at {@code v} (read as {@code t}): after its
   * day or its instant.
   */
  private static Instant end(String v, Instant t) {
    return Params.isDate(v) ? t.plus(1, ChronoUnit.DAYS) : t.plusMillis(1);
  }

  private void openApi(Context ctx) {
    ObjectNode n = json.createObjectNode();
    n.put("openapi", "3.0.3");
    ObjectNode info = n.putObject("info");
    info.put("title", "Truce Watch OGC API - Features");
    info.put("version", "1.0.0");
    info.put("description", "Observations, incidents and findings of the ceasefire monitoring");
    n.putArray("servers").addObject().put("url", base(ctx));
    ObjectNode paths = n.putObject("paths");
    op(paths, "/", "getLandingPage", "Landing page", List.of());
    op(paths, "/conformance", "getConformance", "Conformance classes", List.of());
    op(paths, "/api", "getApi", "This API definition", List.of());
    op(paths, "/collections", "getCollections", "The collections", List.of());
    op(
        paths,
        "/collections/{collectionId}",
        "describeCollection",
        "One collection",
        List.of("collectionId"));
    op(
        paths,
        "/collections/{collectionId}/items",
        "getFeatures",
        "Features of a collection",
        List.of(
            "collectionId",
            "bbox",
            "datetime",
            "limit",
            "offset",
            "day",
            "side",
            "oblast",
            "sector",
            "verdict",
            "war_related",
            "incident",
            "crs",
            "bbox-crs"));
    op(
        paths,
        "/collections/{collectionId}/items/{featureId}",
        "getFeature",
        "One feature",
        List.of("collectionId", "featureId", "crs"));
    send(ctx, "application/vnd.oai.openapi+json;version=3.0", n);
  }

  private void op(ObjectNode paths, String path, String id, String summary, List<String> params) {
    ObjectNode get = paths.putObject(path).putObject("get");
    get.put("operationId", id);
    get.put("summary", summary);
    ArrayNode ps = get.putArray("parameters");
    for (String p : params) {
      ObjectNode x = ps.addObject();
      x.put("name", p);
      boolean inPath = p.equals("collectionId") || p.equals("featureId");
      x.put("in", inPath ? "path" : "query");
      x.put("required", inPath);
      ObjectNode schema = x.putObject("schema");
      switch (p) {
        case "bbox" -> {
          schema.put("type", "array").put("minItems", 4).put("maxItems", 6);
          schema.putObject("items").put("type", "number");
          x.put("style", "form").put("explode", false);
        }
        case "limit" ->
            schema
                .put("type", "integer")
                .put("minimum", 1)
                .put("maximum", Params.MAX_LIMIT)
                .put("default", DEFAULT_LIMIT);
        case "offset" -> schema.put("type", "integer").put("minimum", 0).put("default", 0);
        case "war_related" -> schema.put("type", "boolean");
        case "crs", "bbox-crs" -> {
          schema.put("type", "string").put("format", "uri").put("default", CRS84);
          ArrayNode e = schema.putArray("enum");
          for (Crs c : Crs.values()) {
            e.add(c.uri);
          }
        }
        case "collectionId" -> {
          schema.put("type", "string");
          ArrayNode e = schema.putArray("enum");
          for (Layer l : Layer.values()) {
            e.add(l.key());
          }
          AREAS.keySet().forEach(e::add);
        }
        default -> schema.put("type", "string");
      }
    }
    ObjectNode responses = get.putObject("responses");
    ObjectNode ok = responses.putObject("200");
    ok.put("description", "success");
    ok.putObject("content")
        .putObject(
            path.endsWith("items") || path.endsWith("{featureId}")
                ? Server.GEOJSON
                : "application/json")
        .putObject("schema")
        .put("type", "object");
    responses.putObject("400").put("description", "a bad parameter");
    responses.putObject("404").put("description", "no such collection or feature");
  }

  private static void link(ArrayNode links, String href, String rel, String type, String title) {
    ObjectNode l = links.addObject();
    l.put("href", href);
    l.put("rel", rel);
    l.put("type", type);
    l.put("title", title);
  }

  private static void send(Context ctx, String type, JsonNode n) {
    ctx.contentType(type).result(n.toString());
  }
}
