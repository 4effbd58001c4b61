package org.trucewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.trucewatch.store.Store;
import org.trucewatch.store.TokenScope;

/**
 * Analysts' reviews of findings through real HTTP over an embedded store: who may post one, what is
 * refused, and how a review follows its finding as later reports join the incident, without
 * changing any finding or figure.
 */
class ReviewsServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anAnalystReviewsAFindingAndTheReviewFollowsItWhileItsEvidenceHolds(@TempDir Path tmp)
      throws Exception {
    Path observer = tmp.resolve("observer.csv");
    Files.writeString(
        observer, Fixture.REPORTS + Fixture.EXPLOSION_OBSERVED, StandardCharsets.UTF_8);
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      // an explosion that one camera reports in the buffer: a probable violation of C2
      Monitor m = CapServerTest.explosionInTheBuffer(store, tmp);
      String ingest = store.createToken("uploads");
      String reader = store.createToken("liaison-it", TokenScope.READ);
      String analyst = store.createToken("analyst-1", TokenScope.REVIEW);
      try (Server s = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        String base = "http://127.0.0.1:" + s.port();
        JsonNode probable = onlyFinding(base, "probable-violation");
        String id = probable.path("id").asText();
        String path = base + "/api/v1/findings/" + id.replace('/', ':');
        assertThat(probable.path("review").isNull()).isTrue();
        String report = Fixture.get(base + "/api/v1/reports/latest").body();

        // refused: no token, a token that may not review, what cannot be a review, no finding
        String upheld = "{\"status\": \"upheld\", \"note\": \"The camera's frames show a fire.\"}";
        assertRefused(post(path + "/reviews", null, upheld), 401, "unauthorized", "--scope review");
        assertRefused(
            post(path + "/reviews", ingest, upheld), 403, "forbidden", "uploads may not review");
        assertRefused(post(path + "/reviews", reader, upheld), 403, "forbidden", "liaison-it");
        assertRefused(
            post(path + "/reviews", analyst, "{\"status\": \"confirmed\", \"note\": \"x\"}"),
            400,
            "invalid_body",
            "status must be one of under-review, upheld, not-upheld, was confirmed");
        assertRefused(
            post(path + "/reviews", analyst, "{\"status\": \"upheld\"}"),
            400,
            "invalid_body",
            "note must be a string, was ");
        assertRefused(
            post(
                path + "/reviews", analyst, "{\"status\": \"upheld\", \"note\": \"x\", \"by\": 1}"),
            400,
            "invalid_body",
            "unknown field by");
        assertRefused(
            post(path + "/reviews", analyst, "status=upheld"), 400, "invalid_body", "JSON");
        assertRefused(
            post(base + "/api/v1/findings/I-000000000000:C2/reviews", analyst, upheld),
            404,
            "not_found",
            "no findings with id I-000000000000:C2");
        assertThat(
                JSON.readTree(Fixture.get(base + "/api/v1/reviews").body())
                    .path("matched")
                    .asLong())
            .isZero();

        // kept: what was judged, by whom, of the finding as it stood
        HttpResponse<String> made = post(path + "/reviews", analyst, upheld);
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        assertThat(made.headers().firstValue("Location"))
            .contains("/api/v1/findings/" + id.replace('/', ':') + "/reviews");
        JsonNode review = JSON.readTree(made.body());
        assertThat(review.path("status").asText()).isEqualTo("upheld");
        assertThat(review.path("note").asText()).isEqualTo("The camera's frames show a fire.");
        assertThat(review.path("by").asText()).isEqualTo("analyst-1");
        assertThat(review.path("finding_id").asText()).isEqualTo(id);
        assertThat(review.path("verdict").asText()).isEqualTo("probable-violation");
        assertThat(review.path("method_version").asText())
            .isEqualTo(store.assessment().orElseThrow().methodVersion());
        assertThat(review.path("evidence_rows").asInt()).isEqualTo(1);

        // the finding is shown with it, in JSON, GeoJSON and OGC API alike, and is the method's
        // still: nothing is assessed again and the report is as it was
        JsonNode shown = JSON.readTree(Fixture.get(path).body());
        assertThat(shown.path("verdict").asText()).isEqualTo("probable-violation");
        assertThat(shown.path("review").path("id").asLong()).isEqualTo(review.path("id").asLong());
        assertThat(shown.path("review").path("same_evidence").asBoolean()).isTrue();
        assertThat(
                JSON.readTree(Fixture.get(path + "?format=geojson").body())
                    .path("properties")
                    .path("review")
                    .path("status")
                    .asText())
            .isEqualTo("upheld");
        assertThat(
                JSON.readTree(
                        Fixture.get(
                                base
                                    + "/ogc/collections/findings/items/"
                                    + id.replace('/', ':')
                                    + "?f=json")
                            .body())
                    .path("properties")
                    .path("review")
                    .path("by")
                    .asText())
            .isEqualTo("analyst-1");
        // and in CSV, as JSON in its last column
        List<String> csv =
            Fixture.get(base + "/api/v1/findings?verdict=probable-violation&format=csv")
                .body()
                .lines()
                .toList();
        assertThat(csv.get(0)).endsWith(",evidence,review");
        assertThat(csv.get(1)).contains("\"\"by\"\":\"\"analyst-1\"\"").endsWith("}\"");
        assertThat(Fixture.get(base + "/api/v1/reports/latest").body()).isEqualTo(report);
        // an analyst's list of work: findings by the status of their newest review, in pages
        List<String> all = ids(base + "/api/v1/findings?limit=10000");
        assertThat(ids(base + "/api/v1/findings?review=upheld")).containsExactly(id);
        List<String> unreviewed = new java.util.ArrayList<>(all);
        unreviewed.remove(id);
        assertThat(unreviewed).hasSizeGreaterThan(3);
        assertThat(ids(base + "/api/v1/findings?review=none&limit=10000")).isEqualTo(unreviewed);
        HttpResponse<String> page =
            Fixture.get(base + "/api/v1/findings?review=none&limit=2&offset=1");
        assertThat(page.headers().firstValue("X-Total-Count")).hasValue("" + unreviewed.size());
        assertThat(ids(base + "/api/v1/findings?review=none&limit=2&offset=1"))
            .isEqualTo(unreviewed.subList(1, 3));
        assertThat(
                JSON.readTree(
                        Fixture.get(base + "/ogc/collections/findings/items?review=upheld").body())
                    .path("numberMatched")
                    .asLong())
            .isEqualTo(1);
        assertRefused(
            Fixture.get(base + "/api/v1/findings?review=maybe"),
            400,
            "invalid_parameter",
            "review must be none or one of under-review, upheld, not-upheld, was maybe");
        assertRefused(
            Fixture.get(base + "/api/v1/incidents?review=none"),
            400,
            "unknown_parameter",
            "unknown query parameter review");
        assertThat(Fixture.get(base + "/metrics").body())
            .contains("trucewatch_stored{table=\"finding_reviews\"} 1.0");

        // an observer reports the same explosion: the incident and its finding are new (a
        // violation now), and the review stands, made of the finding as it stood
        m.ingest(observer, "observer.csv", "test", Store.IngestListener.NONE);
        JsonNode violation = onlyFinding(base, "violation");
        assertThat(violation.path("id").asText()).isNotEqualTo(id);
        assertThat(violation.path("evidence")).hasSize(2);
        JsonNode carried = violation.path("review");
        assertThat(carried.path("id").asLong()).isEqualTo(review.path("id").asLong());
        assertThat(carried.path("same_evidence").asBoolean()).isFalse();
        assertThat(carried.path("verdict").asText()).isEqualTo("probable-violation");
        String violationPath =
            base + "/api/v1/findings/" + violation.path("id").asText().replace('/', ':');
        JsonNode listed = JSON.readTree(Fixture.get(violationPath + "/reviews").body());
        assertThat(listed.path("finding_id").asText()).isEqualTo(violation.path("id").asText());
        assertThat(listed.path("reviews")).hasSize(1);
        // the finding reviewed is gone: its id names the finding that stands for it now
        String now = violation.path("id").asText().replace('/', ':');
        HttpResponse<String> gone = Fixture.get(path);
        assertRefused(
            gone,
            404,
            "not_found",
            "no findings with id "
                + id.replace('/', ':')
                + ": the re-assessment of "
                + store.assessment().orElseThrow().made()
                + " superseded it, as a detection or report joined or left its incident; finding "
                + violation.path("id").asText()
                + " rests on all its evidence rows now");
        assertThat(gone.headers().firstValue("Link"))
            .hasValue("</api/v1/findings/" + now + ">; rel=\"successor-version\"");
        HttpResponse<String> goneReviews = Fixture.get(path + "/reviews");
        assertThat(goneReviews.statusCode()).isEqualTo(404);
        assertThat(goneReviews.headers().firstValue("Link"))
            .hasValue("</api/v1/findings/" + now + "/reviews>; rel=\"successor-version\"");
        HttpResponse<String> goneItem =
            Fixture.get(base + "/ogc/collections/findings/items/" + id.replace('/', ':'));
        assertThat(goneItem.statusCode()).isEqualTo(404);
        assertThat(goneItem.headers().firstValue("Link"))
            .hasValue(
                "<"
                    + base
                    + "/ogc/collections/findings/items/"
                    + now
                    + ">; rel=\"successor-version\"");
        // a finding never stated is not found, with no link
        HttpResponse<String> never = Fixture.get(base + "/api/v1/findings/I-000000000000:C2");
        assertThat(never.statusCode()).isEqualTo(404);
        assertThat(never.headers().firstValue("Link")).isEmpty();
        // the log keeps the review, by the finding it judged
        JsonNode log = JSON.readTree(Fixture.get(base + "/api/v1/reviews").body());
        assertThat(log.path("matched").asLong()).isEqualTo(1);
        assertThat(log.path("items").get(0).path("finding_id").asText()).isEqualTo(id);
        assertThat(log.path("items").get(0).has("same_evidence")).isFalse();
        // and as CSV, for those who publish it as a table
        HttpResponse<String> table = Fixture.get(base + "/api/v1/reviews?format=csv");
        assertThat(table.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(table.headers().firstValue("X-Total-Count")).hasValue("1");
        assertThat(table.body().lines().toList())
            .containsExactly(
                "id,made,by,status,note,finding_id,clause_id,verdict,method_version,evidence_rows",
                review.path("id").asText()
                    + ","
                    + review.path("made").asText()
                    + ",analyst-1,upheld,The camera's frames show a fire.,"
                    + id
                    + ",C2,probable-violation,"
                    + review.path("method_version").asText()
                    + ",1");

        // an analyst who opened the finding before the observer's report came posts a review of
        // it: kept as the review of the finding as seen, shown with the finding that stands now
        String doubted =
            "{\"status\": \"under-review\", \"note\": \"Is the camera's fire the depot?\"}";
        HttpResponse<String> late = post(path + "/reviews", analyst, doubted);
        assertThat(late.statusCode()).as(late.body()).isEqualTo(201);
        assertThat(late.headers().firstValue("Location"))
            .contains("/api/v1/findings/" + now + "/reviews");
        JsonNode lateReview = JSON.readTree(late.body());
        assertThat(lateReview.path("finding_id").asText()).isEqualTo(id);
        assertThat(lateReview.path("current_finding_id").asText())
            .isEqualTo(violation.path("id").asText());
        assertThat(lateReview.path("verdict").asText()).isEqualTo("probable-violation");
        assertThat(lateReview.path("evidence_rows").asInt()).isEqualTo(1);
        JsonNode newest = JSON.readTree(Fixture.get(violationPath).body()).path("review");
        assertThat(newest.path("id").asLong()).isEqualTo(lateReview.path("id").asLong());
        assertThat(newest.path("status").asText()).isEqualTo("under-review");
        assertThat(newest.path("same_evidence").asBoolean()).isFalse();
        // a review of the finding that stands names it as the current one
        assertThat(
                JSON.readTree(post(violationPath + "/reviews", analyst, upheld).body())
                    .path("current_finding_id")
                    .asText())
            .isEqualTo(violation.path("id").asText());
      }
    }
  }

  /**
   * A review of a finding that no finding stands for any more (a row it rested on left its
   * incident) is refused with 409 and keeps nothing, and a read of it says so, with no successor to
   * link. Such a split is rare in real data, so the store is given the two assessments as it writes
   * them, under the terms the server assessed with: a finding on rows d1 and d2, then one on d2 and
   * d3.
   */
  @Test
  void aReviewOfAFindingThatNoFindingStandsForIsRefusedAsSuperseded(@TempDir Path tmp)
      throws Exception {
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor m = CapServerTest.explosionInTheBuffer(store, tmp);
      String analyst = store.createToken("analyst-1", TokenScope.REVIEW);
      long terms = store.assessment().orElseThrow().termsId();
      java.time.Instant split = java.time.Instant.parse("2026-11-30T12:00:00Z");
      store.replaceAssessment(
          stating(terms, "I-aaaaaaaaaaaa", "d1", "d2", split.minusSeconds(3600)));
      store.replaceAssessment(stating(terms, "I-bbbbbbbbbbbb", "d2", "d3", split));
      try (Server s = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        String old = "http://127.0.0.1:" + s.port() + "/api/v1/findings/I-aaaaaaaaaaaa:C2";
        assertRefused(
            post(old + "/reviews", analyst, "{\"status\": \"upheld\", \"note\": \"Seen.\"}"),
            409,
            "superseded",
            "finding I-aaaaaaaaaaaa/C2 no longer stands: the re-assessment of 2026-11-30T12:00:00Z"
                + " left no finding of its clause resting on all its evidence rows; review the"
                + " findings that stand now");
        assertThat(store.reviews(10, 0).matched()).isZero();
        HttpResponse<String> read = Fixture.get(old);
        assertRefused(
            read,
            404,
            "not_found",
            "no findings with id I-aaaaaaaaaaaa:C2: the re-assessment of 2026-11-30T12:00:00Z"
                + " superseded it, as a detection or report joined or left its incident; no finding"
                + " rests on all its evidence rows now");
        assertThat(read.headers().firstValue("Link")).isEmpty();
      }
    }
  }

  /** An assessment under {@code terms} that states one finding of clause C2, on two rows. */
  private static org.trucewatch.store.Rows.Assessment stating(
      long terms, String incident, String row1, String row2, java.time.Instant made) {
    java.time.LocalDate day = java.time.LocalDate.of(2025, 8, 17);
    java.time.Instant at = java.time.Instant.parse("2025-08-17T09:30:00Z");
    return new org.trucewatch.store.Rows.Assessment(
        terms,
        1,
        "tw-fire-7",
        made,
        "{}",
        "<html/>",
        "{}",
        java.util.Map.of(),
        java.util.Map.of(),
        List.of(),
        List.of(
            new org.trucewatch.store.Rows.Incident(
                incident,
                day,
                at,
                at,
                48.515,
                37.2761,
                2,
                0,
                "VIIRS/N20",
                false,
                true,
                "government_controlled",
                900.0,
                "UA-14",
                "Donetsk Oblast",
                "",
                "",
                "probable-violation")),
        List.of(
            new org.trucewatch.store.Rows.Finding(
                incident + "/C2",
                incident,
                "C2",
                "probable-violation",
                day,
                at,
                48.515,
                37.2761,
                "government_controlled",
                "UA-14",
                "Donetsk Oblast",
                "",
                "",
                "buffer",
                "Seen by one satellite.",
                "[{\"sha256\":\"" + row1 + "\"},{\"sha256\":\"" + row2 + "\"}]")),
        List.of());
  }

  /**
   * A browser signed in with an analyst's token posts a review with its sign-in cookie from this
   * server's own page only: a post of another origin, of another site by the browser's word, or of
   * no stated origin is refused and keeps nothing; the cookie of a read token does not review, and
   * the cookie still never ingests. The map learns from {@code /api/v1/reader} whether its reader
   * may review.
   */
  @Test
  void aBrowserSignedInPostsAReviewFromThisServersOwnPageOnly(@TempDir Path tmp) throws Exception {
    try (Store store = Store.open(tmp.resolve("db").toString())) {
      Monitor m = CapServerTest.explosionInTheBuffer(store, tmp);
      String analyst = store.createToken("analyst-2", TokenScope.REVIEW);
      String reader = store.createToken("liaison-fr", TokenScope.READ);
      String ingest = store.createToken("uploads");
      String finding;
      try (Server s = Server.start(m, new Server.Options("127.0.0.1", 0, "", ""))) {
        String base = "http://127.0.0.1:" + s.port();
        finding = onlyFinding(base, "probable-violation").path("id").asText().replace('/', ':');
        String reviews = base + "/api/v1/findings/" + finding + "/reviews";
        String upheld = "{\"status\": \"upheld\", \"note\": \"Seen on the drone's frames.\"}";
        assertRefused(
            fromBrowser(reviews, analyst, "http://elsewhere.example", "cross-site", upheld),
            403,
            "forbidden",
            "from this server's own map, not from http://elsewhere.example");
        assertRefused(
            fromBrowser(reviews, analyst, base, "cross-site", upheld), 403, "forbidden", "own map");
        assertRefused(
            fromBrowser(reviews, analyst, null, null, upheld),
            403,
            "forbidden",
            "not from a page that does not say");
        // another port of the same host is another origin
        assertRefused(
            fromBrowser(reviews, analyst, "http://127.0.0.1:1", "same-site", upheld),
            403,
            "forbidden",
            "not from http://127.0.0.1:1");
        assertRefused(
            fromBrowser(reviews, reader, base, "same-origin", upheld),
            403,
            "forbidden",
            "liaison-fr may not review");
        assertThat(store.reviews(10, 0).matched()).isZero();

        HttpResponse<String> made = fromBrowser(reviews, analyst, base, "same-origin", upheld);
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        assertThat(JSON.readTree(made.body()).path("by").asText()).isEqualTo("analyst-2");
        // a browser older than Sec-Fetch-Site, of this origin
        assertThat(fromBrowser(reviews, analyst, base, null, upheld).statusCode()).isEqualTo(201);
        assertThat(store.reviews(10, 0).matched()).isEqualTo(2);

        // the cookie of an ingest token from this page still ingests nothing
        HttpResponse<String> upload =
            Fixture.HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/ingest?name=x.csv"))
                    .header("Cookie", Server.COOKIE + "=" + ingest)
                    .header("Origin", base)
                    .header("Sec-Fetch-Site", "same-origin")
                    .POST(HttpRequest.BodyPublishers.ofString(Fixture.REPORTS))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertRefused(upload, 401, "unauthorized", "ingest needs an API token");

        assertThat(JSON.readTree(signedIn(base + "/api/v1/reader", analyst)).path("may_review"))
            .isEqualTo(com.fasterxml.jackson.databind.node.BooleanNode.TRUE);
        assertThat(JSON.readTree(signedIn(base + "/api/v1/reader", reader)).path("may_review"))
            .isEqualTo(com.fasterxml.jackson.databind.node.BooleanNode.FALSE);
      }
      // a private server alike: refused as another page's, the cookie kept; from its own, kept
      try (Server s =
          Server.start(m, new Server.Options("127.0.0.1", 0, "", "").withPrivateReads(true))) {
        String base = "http://127.0.0.1:" + s.port();
        String reviews = base + "/api/v1/findings/" + finding + "/reviews";
        String noted = "{\"status\": \"under-review\", \"note\": \"Asked for the frames.\"}";
        HttpResponse<String> elsewhere =
            fromBrowser(reviews, analyst, "http://elsewhere.example", "cross-site", noted);
        assertRefused(elsewhere, 403, "forbidden", "own map");
        assertThat(elsewhere.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(fromBrowser(reviews, analyst, base, "same-origin", noted).statusCode())
            .isEqualTo(201);
        assertThat(store.reviews(10, 0).matched()).isEqualTo(3);
      }
    }
  }

  /** A post as a browser signed in with {@code token} sends it: the cookie, and what it says. */
  private static HttpResponse<String> fromBrowser(
      String url, String token, String origin, String site, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .header("Cookie", Server.COOKIE + "=" + token)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (origin != null) {
      b.header("Origin", origin);
    }
    if (site != null) {
      b.header("Sec-Fetch-Site", site);
    }
    return Fixture.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A read as a browser signed in with {@code token}. */
  private static String signedIn(String url, String token) throws Exception {
    return Fixture.HTTP
        .send(
            HttpRequest.newBuilder(URI.create(url))
                .header("Cookie", Server.COOKIE + "=" + token)
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** The ids of the items of a page of findings, in order. */
  private static List<String> ids(String url) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    for (JsonNode f : JSON.readTree(Fixture.get(url).body()).path("items")) {
      out.add(f.path("id").asText());
    }
    return out;
  }

  /** The one finding of {@code verdict} of clause C2 in the current assessment. */
  private static JsonNode onlyFinding(String base, String verdict) throws Exception {
    JsonNode items =
        JSON.readTree(Fixture.get(base + "/api/v1/findings?verdict=" + verdict).body())
            .path("items");
    assertThat(items).as(verdict).hasSize(1);
    assertThat(items.get(0).path("clause_id").asText()).isEqualTo("C2");
    return items.get(0);
  }

  private static HttpResponse<String> post(String url, String token, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return Fixture.HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void assertRefused(HttpResponse<String> r, int status, String code, String message)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    ApiContract.clean(r);
    JsonNode n = JSON.readTree(r.body());
    assertThat(n.path("code").asText()).isEqualTo(code);
    assertThat(n.path("message").asText()).contains(message);
  }
}
