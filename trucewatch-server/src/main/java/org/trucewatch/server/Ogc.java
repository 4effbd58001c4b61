package org.trucewatch.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.trucewatch.assessment.TruceContext;
import org.trucewatch.store.Features;
import org.trucewatch.store.Layer;
import org.trucewatch.store.Store;

/**
 * OGC API - Features - Part 1: Core, with GeoJSON and an OpenAPI 3.0 definition, at {@code /ogc}.
 * Collections: {@code observations}, {@code incidents} and {@code findings}, as points in CRS84.
 * Items take {@code bbox}, {@code datetime}, {@code limit} and {@code offset} (the next links use
 * it), and the API's own filters {@code day}, {@code side}, {@code oblast}, {@code verdict} and
 * {@code war_related}; any other parameter is refused with 400, as the standard asks.
 */
final class Ogc {
  static final String CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core";
  static final String GEOJSON_CONF =
      "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson";
  static final String OAS30 = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30";
  static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
  static final int DEFAULT_LIMIT = 100;

  private static final Set<String> ITEM_PARAMS =
      Set.of(
          "bbox",
          "datetime",
          "limit",
          "offset",
          "f",
          "day",
          "side",
          "oblast",
          "verdict",
          "war_related",
          "incident");

  private static final Map<Layer, String> DESCRIPTIONS =
      Map.of(
          Layer.OBSERVATIONS,
          "Satellite thermal anomalies (FIRMS) with whose ground they are on, distance to the line"
              + " of contact, oblast, background score, the war-related classification (an"
              + " inference) and their incident",
          Layer.INCIDENTS,
          "Detections grouped in space and time, with the sources that saw them and the verdict"
              + " of their most serious finding",
          Layer.FINDINGS,
          "The assessment of each incident under each clause of the truce terms: verdict,"
              + " reasoning and evidence");

  private final Monitor monitor;
  private final ObjectMapper json;
  private final FeatureOutput out;

  Ogc(Monitor monitor, ObjectMapper json, FeatureOutput out) {
    this.monitor = monitor;
    this.json = json;
    this.out = out;
  }

  void routes(RoutesConfig r) {
    r.get("/ogc", this::landing);
    r.get("/ogc/", this::landing);
    r.get("/ogc/conformance", this::conformance);
    r.get("/ogc/api", this::openApi);
    r.get("/ogc/collections", this::collections);
    r.get("/ogc/collections/{collection}", this::collection);
    r.get("/ogc/collections/{collection}/items", this::items);
    r.get("/ogc/collections/{collection}/items/{featureId}", this::item);
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
    send(ctx, "application/json", n);
  }

  private void conformance(Context ctx) {
    ObjectNode n = json.createObjectNode();
    n.putArray("conformsTo").add(CORE).add(GEOJSON_CONF).add(OAS30);
    send(ctx, "application/json", n);
  }

  private void collections(Context ctx) {
    String b = base(ctx);
    ObjectNode n = json.createObjectNode();
    ArrayNode links = n.putArray("links");
    link(links, b + "/collections", "self", "application/json", "the collections");
    ArrayNode cs = n.putArray("collections");
    for (Layer l : Layer.values()) {
      cs.add(describe(b, l));
    }
    send(ctx, "application/json", n);
  }

  private void collection(Context ctx) {
    send(ctx, "application/json", describe(base(ctx), layer(ctx)));
  }

  private ObjectNode describe(String b, Layer l) {
    ObjectNode c = json.createObjectNode();
    c.put("id", l.key());
    c.put(
        "title", l.key().substring(0, 1).toUpperCase(java.util.Locale.ROOT) + l.key().substring(1));
    c.put("description", DESCRIPTIONS.get(l));
    c.put("itemType", "feature");
    c.putArray("crs").add(CRS84);
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
          t.terms()
              .reportDayStart(java.time.LocalDate.parse(summary.get("first_day").asText()))
              .toString());
      interval.add(
          t.terms()
              .reportDayEnd(java.time.LocalDate.parse(summary.get("last_day").asText()))
              .toString());
    } else {
      interval.addNull().addNull();
    }
    ArrayNode links = c.putArray("links");
    link(links, b + "/collections/" + l.key(), "self", "application/json", "this collection");
    link(links, b + "/collections/" + l.key() + "/items", "items", Server.GEOJSON, "the features");
    return c;
  }

  private JsonNode reportSummary() {
    return monitor
        .store()
        .assessmentText(Store.Text.REPORT_JSON)
        .map(
            s -> {
              try {
                return json.readTree(s).get("summary");
              } catch (IOException e) {
                throw new IllegalStateException("stored report is not JSON", e);
              }
            })
        .orElse(null);
  }

  private void items(Context ctx) {
    Layer l = layer(ctx);
    for (String p : ctx.queryParamMap().keySet()) {
      if (!ITEM_PARAMS.contains(p)) {
        throw ApiError.badRequest(
            "unknown_parameter",
            "unknown query parameter "
                + p
                + "; this collection takes "
                + new java.util.TreeSet<>(ITEM_PARAMS));
      }
    }
    String f = ctx.queryParam("f");
    if (f != null && !f.equals("json") && !f.equals("geojson")) {
      throw new ApiError(
          406, "not_acceptable", "items are served as GeoJSON only (f=json), not " + f);
    }
    Features.Filter filter = Params.filter(ctx);
    Instant[] dt = datetime(ctx.queryParam("datetime"));
    if (dt != null) {
      filter =
          new Features.Filter(
              dt[0],
              dt[1],
              filter.day(),
              filter.bbox(),
              filter.oblast(),
              filter.side(),
              filter.verdict(),
              filter.warRelated(),
              filter.incident());
    }
    int limit = Params.limit(ctx, DEFAULT_LIMIT);
    long offset = Params.offset(ctx);
    Features.Page page;
    try {
      page = monitor.store().query(l, filter, limit, offset);
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
      fs.add(g);
    }
    String self = ctx.scheme() + "://" + ctx.host();
    ArrayNode links = n.putArray("links");
    link(
        links,
        self + Server.withParam(ctx, "offset", Long.toString(offset)),
        "self",
        Server.GEOJSON,
        "this page");
    if (offset + page.features().size() < page.matched()) {
      link(
          links,
          self + Server.withParam(ctx, "offset", Long.toString(offset + page.features().size())),
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
    link(
        links,
        base(ctx) + "/collections/" + l.key(),
        "collection",
        "application/json",
        "the collection");
    send(ctx, Server.GEOJSON, n);
  }

  private void item(Context ctx) {
    Layer l = layer(ctx);
    String fid = ctx.pathParam("featureId");
    Features.Feature x =
        monitor
            .store()
            .feature(l, storeId(fid))
            .orElseThrow(() -> ApiError.notFound("no feature " + fid + " in " + l.key()));
    ObjectNode g = out.geoJson(x);
    g.put("id", fid(x.id()));
    ArrayNode links = g.putArray("links");
    String c = base(ctx) + "/collections/" + l.key();
    link(links, c + "/items/" + fid(x.id()), "self", Server.GEOJSON, "this feature");
    link(links, c, "collection", "application/json", "the collection");
    send(ctx, Server.GEOJSON, g);
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
    throw ApiError.notFound("no collection " + c + "; there are observations, incidents, findings");
  }

  /** An OGC datetime: an instant, or an interval with {@code ..} (or nothing) for an open end. */
  static Instant[] datetime(String v) {
    if (v == null) {
      return null;
    }
    int slash = v.indexOf('/');
    if (slash < 0) {
      Instant t = Params.instant("datetime", v);
      return new Instant[] {t, t.plusMillis(1)};
    }
    String a = v.substring(0, slash);
    String b = v.substring(slash + 1);
    Instant from = a.isEmpty() || a.equals("..") ? null : Params.instant("datetime", a);
    Instant to = b.isEmpty() || b.equals("..") ? null : Params.instant("datetime", b).plusMillis(1);
    if (from != null && to != null && !from.isBefore(to)) {
      throw ApiError.badRequest(
          "invalid_parameter", "datetime interval ends before it starts: " + v);
    }
    return new Instant[] {from, to};
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
            "verdict",
            "war_related",
            "incident"));
    op(
        paths,
        "/collections/{collectionId}/items/{featureId}",
        "getFeature",
        "One feature",
        List.of("collectionId", "featureId"));
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
        case "collectionId" -> {
          schema.put("type", "string");
          ArrayNode e = schema.putArray("enum");
          for (Layer l : Layer.values()) {
            e.add(l.key());
          }
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
