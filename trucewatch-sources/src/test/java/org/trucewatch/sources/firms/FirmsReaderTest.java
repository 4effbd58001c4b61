package org.trucewatch.sources.firms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.trucewatch.observation.Confidence;
import org.trucewatch.observation.Instrument;
import org.trucewatch.observation.Observation;
import org.trucewatch.observation.Rejection;
import org.trucewatch.observation.TimePrecision;

class FirmsReaderTest {
  static FirmsReader.Result read(String name, String text) {
    return FirmsReader.read(name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bos.toByteArray();
  }

  @Test
  void viirsNrtAsTheEconomistClipsIt() {
    var r =
        read(
            "J1.csv",
            "latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,confidence,version,"
                + "bright_ti5,frp,daynight,instrument\n"
                + "48.26382,37.21014,297.54,0.53,0.67,2025-08-11,00:45:00,N20,nominal,2.0NRT,281.83,0.36,N,VIIRS\n");
    Observation o = r.observations().get(0);
    assertThat(r.report().format()).isEqualTo("viirs");
    assertThat(o.sensor().key()).isEqualTo("VIIRS/N20");
    assertThat(o.time()).isEqualTo(Instant.parse("2025-08-11T00:45:00Z"));
    assertThat(o.timePrecision()).isEqualTo(TimePrecision.SECOND);
    assertThat(o.confidence().level()).isEqualTo(Confidence.Level.NOMINAL);
    assertThat(o.brightnessKelvin()).isEqualTo(297.54);
    assertThat(o.frpMegawatts()).isEqualTo(0.36);
    assertThat(o.daytime()).isEqualTo('N');
    assertThat(o.type()).isEqualTo(-1);
    assertThat(o.provenance().line()).isEqualTo(2);
    assertThat(o.provenance().contentHash()).hasSize(64);
  }

  @Test
  void viirsStandardWithTypeLetterConfidenceAndUppercaseHeader() {
    var r =
        read(
            "vnp.csv",
            "LATITUDE,LONGITUDE,BRIGHT_TI4,SCAN,TRACK,ACQ_DATE,ACQ_TIME,SATELLITE,INSTRUMENT,"
                + "CONFIDENCE,VERSION,BRIGHT_TI5,FRP,DAYNIGHT,TYPE\n"
                + "47.1,37.5,330.1,0.4,0.4,2022-03-01,1012,N,VIIRS,h,2,290,12.5,D,2\n"
                + "47.1,37.5,330.1,0.4,0.4,2022-03-01,945,1,VIIRS,l,2,290,12.5,D,0\n"
                + "47.1,37.5,330.1,0.4,0.4,2022-03-01,920,2,VIIRS,n,2,290,12.5,D,0\n");
    assertThat(r.report().rejections()).isEmpty();
    Observation a = r.observations().get(0);
    assertThat(a.time()).isEqualTo(Instant.parse("2022-03-01T10:12:00Z"));
    assertThat(a.confidence().level()).isEqualTo(Confidence.Level.HIGH);
    assertThat(a.type()).isEqualTo(Observation.TYPE_STATIC_LAND_SOURCE);
    Observation b = r.observations().get(1);
    assertThat(b.time()).isEqualTo(Instant.parse("2022-03-01T09:45:00Z")); // HMM
    // FIRMS numbers NOAA-20 and NOAA-21 as JPSS-1 and JPSS-2: other sources than Suomi NPP (N)
    assertThat(a.sensor().satellite()).isEqualTo("N");
    assertThat(b.sensor().satellite()).isEqualTo("N20");
    assertThat(r.observations().get(2).sensor().satellite()).isEqualTo("N21");
    assertThat(b.confidence().level()).isEqualTo(Confidence.Level.LOW);
  }

  @Test
  void modisWithPercentConfidenceWithoutInstrument() {
    var r =
        read(
            "modis.csv",
            "latitude,longitude,brightness,scan,track,acq_date,acq_time,satellite,confidence,version,"
                + "bright_t31,frp,daynight\n"
                + "46.5,32.1,320.5,1.1,1.0,2021-07-15,0842,Terra,76,6.1NRT,295.2,20.3,D\n"
                + "46.5,32.1,320.5,1.1,1.0,2021-07-15,1105,A,12,6.1,295.2,20.3,D\n");
    assertThat(r.report().format()).isEqualTo("modis");
    assertThat(r.observations()).hasSize(2);
    Observation o = r.observations().get(0);
    assertThat(o.sensor().instrument()).isEqualTo(Instrument.MODIS);
    assertThat(o.sensor().satellite()).isEqualTo("Terra");
    assertThat(o.confidence().percent()).isEqualTo(76);
    assertThat(o.confidence().level()).isEqualTo(Confidence.Level.NOMINAL);
    assertThat(r.observations().get(1).sensor().satellite()).isEqualTo("Aqua");
  }

  @Test
  void historyInfersInstrumentFromPrecision() {
    var r =
        read(
            "ukr_fire_data_2012.csv",
            "LATITUDE,LONGITUDE,ACQ_DATE\n49.3098,23.4297,2012-01-01\n49.309826,23.429745,2012-01-01\n");
    assertThat(r.report().format()).isEqualTo("history");
    assertThat(r.observations().get(0).sensor().instrument()).isEqualTo(Instrument.MODIS);
    assertThat(r.observations().get(1).sensor().instrument()).isEqualTo(Instrument.VIIRS);
    assertThat(r.observations().get(1).timePrecision()).isEqualTo(TimePrecision.DAY);
  }

  @Test
  void labelledFileKeepsLabelsAlignedWithKeptRows() {
    var r =
        read(
            "labels.csv",
            "LATITUDE,LONGITUDE,ACQ_TIME,date,war_fire\n"
                + "44.770267,33.860191,0030,2022-05-25,0\n"
                + "44.77029,33.861984,0030,2022-05-25,2\n"
                + "47.0,37.5,1130,2022-05-26,1\n"
                + "47.1,37.5,1130,2022-05-26,TRUE\n"
                + "47.2,37.5,1130,2022-05-26,false\n"
                + "47.3,37.5,1130,2022-05-26,NA\n"
                + "47.4,37.5,1130,2022-05-26,1.0\n"
                + "47.5,37.5,1130,2022-05-26,0.00\n"
                + "47.6,37.5,1130,2022-05-26,0.5\n"
                + "47.7,37.5,1130,2022-05-26,1.\n"
                + "47.8,37.5,1130,2022-05-26,10\n"
                + "47.9,37.5,1130,2022-05-26,\n"
                + "48.0,37.5,1130,2022-05-26,NaN\n");
    assertThat(r.report().format()).isEqualTo("labelled");
    // a missing label (NA as R writes it, empty or NaN as pandas does) keeps the detection,
    // unlabelled
    int none = FirmsReader.UNLABELLED;
    assertThat(r.observations()).hasSize(9);
    assertThat(r.labels()).containsExactly(0, 1, 1, 0, none, 1, 0, none, none);
    assertThat(r.observations().get(4).latitude()).isEqualTo(47.3);
    assertThat(r.report().rejections())
        .extracting(Rejection::line, Rejection::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                3L, "war_fire must be 0 or 1 (or TRUE or FALSE), was 2"),
            org.assertj.core.groups.Tuple.tuple(
                10L, "war_fire must be 0 or 1 (or TRUE or FALSE), was 0.5"),
            org.assertj.core.groups.Tuple.tuple(
                11L, "war_fire must be 0 or 1 (or TRUE or FALSE), was 1."),
            org.assertj.core.groups.Tuple.tuple(
                12L, "war_fire must be 0 or 1 (or TRUE or FALSE), was 10"));
    assertThat(r.report().rejectedByReason()).containsOnlyKeys("invalid-label");
    assertThat(r.observations().get(0).time()).isEqualTo(Instant.parse("2022-05-25T00:30:00Z"));
  }

  @Test
  void labelledFileWithFirmsDateColumnIsReadAsLabelled() {
    var r =
        read(
            "labels.csv",
            "war_fire,latitude,longitude,acq_date,acq_time\n"
                + "1,47.0,37.5,2022-09-26,1130\n"
                + "0,47.1,37.51234,2022-09-27,31\n");
    assertThat(r.report().format()).isEqualTo("labelled");
    assertThat(r.labels()).containsExactly(1, 0);
    assertThat(r.observations().get(1).time()).isEqualTo(Instant.parse("2022-09-27T00:31:00Z"));
    assertThat(r.observations().get(1).sensor().instrument().name()).isEqualTo("VIIRS");
    assertThat(r.report().rejections()).isEmpty();
  }

  @Test
  void labelledWholeFirmsRowsKeepTheirInstrumentSatelliteAndConfidence() {
    var r =
        read(
            "labelled-viirs.csv",
            "latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,instrument,"
                + "confidence,version,bright_ti5,frp,daynight,war_fire\n"
                + "48.1,37.5,330.1,0.4,0.4,2022-09-01,0112,N20,VIIRS,h,2.0NRT,290.1,5.2,N,1\n"
                + "48.2,37.5,301.0,0.4,0.4,2022-09-01,0112,N,VIIRS,maybe,2.0NRT,290.1,5.2,N,0\n"
                + "48.3,37.5,301.0,0.4,0.4,2022-09-01,1050,N,VIIRS,l,2.0NRT,290.1,1.1,D,0\n");
    assertThat(r.report().format()).isEqualTo("labelled-viirs");
    assertThat(r.labels()).containsExactly(1, 0);
    // one decimal would read as MODIS in the reduced labelled file; here the columns say VIIRS
    assertThat(r.observations())
        .extracting(o -> o.sensor().key())
        .containsExactly("VIIRS/N20", "VIIRS/N");
    assertThat(r.observations().get(0).confidence().level()).isEqualTo(Confidence.Level.HIGH);
    assertThat(r.report().rejectedByReason()).containsOnlyKeys("invalid-confidence");

    var modis =
        read(
            "labelled-modis.csv",
            "latitude,longitude,brightness,scan,track,acq_date,acq_time,satellite,confidence,"
                + "version,bright_t31,frp,daynight,war_fire\n"
                + "48.1,37.5,320.1,1.0,1.0,2022-09-01,0840,Aqua,85,6.1NRT,290.1,12.0,D,TRUE\n");
    assertThat(modis.report().format()).isEqualTo("labelled-modis");
    assertThat(modis.labels()).containsExactly(1);
    assertThat(modis.observations().get(0).sensor().instrument().name()).isEqualTo("MODIS");
  }

  @Test
  void brokenRowsAreRejectedPreciselyAndGoodRowsKept() {
    String header =
        "latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,confidence,version,"
            + "bright_ti5,frp,daynight\n";
    String good = "48.2,37.2,297.5,0.5,0.6,2025-08-11,0045,N20,n,2.0NRT,281.8,0.36,N\n";
    var r =
        read(
            "broken.csv",
            header
                + good
                + "48.2,37.2,297.5,0.5\n"
                + "95,37.2,297.5,0.5,0.6,2025-08-11,0045,N20,n,2.0NRT,281.8,0.36,N\n"
                + "48.2,37.2,297.5,0.5,0.6,2022-13-40,0045,N20,n,2.0NRT,281.8,0.36,N\n"
                + "48.2,37.2,297.5,0.5,0.6,2025-08-11,0045,N20,maybe,2.0NRT,281.8,0.36,N\n"
                + "48.2,37.2,297.5,0.5,0.6,2025-08-11,2561,N20,n,2.0NRT,281.8,0.36,N\n"
                + "48.2,37.2,297.5,0.5,0.6,2025-08-11,0045,NOAA 20 (JPSS-1),n,2.0NRT,281.8,0.36,N\n"
                + good);
    assertThat(r.observations()).hasSize(2);
    assertThat(r.report().rowsRead()).isEqualTo(8);
    assertThat(r.report().rejectedByReason())
        .containsEntry("wrong-column-count", 1L)
        .containsEntry("invalid-latitude", 1L)
        .containsEntry("invalid-date", 1L)
        .containsEntry("invalid-confidence", 1L)
        .containsEntry("invalid-time", 1L)
        .containsEntry("invalid-satellite", 1L);
    Rejection lat = r.report().rejections().get(1);
    assertThat(lat.line()).isEqualTo(4);
    assertThat(lat.column()).isEqualTo("latitude");
    assertThat(lat.message()).contains("95");
    assertThat(lat.raw()).startsWith("95,37.2");
    Rejection date = r.report().rejections().get(2);
    assertThat(date.describe())
        .isEqualTo(
            "broken.csv:5: acq_date: acq_date is not a date of the form YYYY-MM-DD: 2022-13-40");
    assertThat(r.report().rejections().get(3).message()).contains("maybe");
    assertThat(r.report().rejections().get(5).describe())
        .isEqualTo(
            "broken.csv:8: satellite: satellite must be a code of letters, digits and '-' of up to"
                + " 8 characters (such as N, N20, Terra), was NOAA 20 (JPSS-1)");
  }

  @Test
  void datesBeforeFirmsOrAfterTheLatestDayAreRejected() {
    String text =
        "LATITUDE,LONGITUDE,ACQ_DATE\n"
            + "48.5,35.1,2000-11-01\n"
            + "48.5,35.1,2000-10-31\n"
            + "48.5,35.1,2026-11-29\n"
            + "48.5,35.1,2205-08-11\n";
    var r =
        FirmsReader.read(
            "d.csv",
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            java.time.LocalDate.of(2026, 11, 29));
    assertThat(r.observations())
        .extracting(o -> o.utcDate().toString())
        .containsExactly("2000-11-01", "2026-11-29");
    assertThat(r.report().rejections())
        .extracting(Rejection::describe)
        .containsExactly(
            "d.csv:3: acq_date: acq_date 2000-10-31 is before 2000-11-01, the first day of FIRMS"
                + " data",
            "d.csv:5: acq_date: acq_date 2205-08-11 is after 2026-11-29: a detection cannot be"
                + " dated in the future");
    // without a latest day (history and benchmark files) only the first day bounds the dates
    assertThat(read("d.csv", text).observations()).hasSize(3);
  }

  @Test
  void emptyAndHeaderOnlyFiles() {
    var empty = read("empty.csv", "");
    assertThat(empty.observations()).isEmpty();
    assertThat(empty.report().rejectedByReason()).containsOnlyKeys("empty-file");

    var headerOnly = read("h.csv", "LATITUDE,LONGITUDE,ACQ_DATE\n");
    assertThat(headerOnly.observations()).isEmpty();
    assertThat(headerOnly.report().rowsRead()).isZero();
    assertThat(headerOnly.report().rejections()).isEmpty();
    assertThat(headerOnly.report().format()).isEqualTo("history");

    var unknown = read("u.csv", "a,b,c\n1,2,3\n");
    assertThat(unknown.report().rejectedByReason()).containsOnlyKeys("unknown-format");
  }

  @Test
  void byteOrderMarkOfASpreadsheetProgramIsSkipped() throws IOException {
    String text = "\uFEFFLATITUDE,LONGITUDE,ACQ_DATE\n49.100001,23.429745,2012-01-01\n";
    var plain = read("bom.csv", text);
    assertThat(plain.report().format()).isEqualTo("history");
    assertThat(plain.observations()).hasSize(1);
    assertThat(plain.report().rejections()).isEmpty();
    var gz = FirmsReader.read("bom.csv.gz", new ByteArrayInputStream(gzip(text)));
    assertThat(gz.observations()).hasSize(1);

    // the row hash does not depend on the byte order mark
    assertThat(plain.observations().get(0).provenance().contentHash())
        .isEqualTo(
            read("nobom.csv", text.substring(1)).observations().get(0).provenance().contentHash());

    // Excel's "Unicode text": UTF-16 with a byte order mark, tab-separated
    byte[] utf16 = "LATITUDE\tLONGITUDE\tACQ_DATE\n".getBytes(StandardCharsets.UTF_16);
    var tabs = FirmsReader.read("unicode.txt", new ByteArrayInputStream(utf16));
    assertThat(tabs.report().rejectedByReason()).containsOnlyKeys("unknown-format");
    assertThat(tabs.report().rejections().get(0).message()).contains("separated by tabs");
  }

  @Test
  void oneDetectionHasOneIdentityWhateverTheTimeFormat() {
    String header = "latitude,longitude,bright_ti4,acq_date,acq_time,satellite,frp\n";
    StringBuilder text = new StringBuilder(header);
    for (String time : List.of("0045", "045", "00:45", "00:45:00", "0046")) {
      text.append("48.26382,37.21014,297.54,2025-08-11,").append(time).append(",N20,0.36\n");
    }
    text.append("48.26382,37.21014,297.54,2025-08-11,0045,N20,0.37\n");
    var r = read("times.csv", text.toString());
    assertThat(r.observations()).hasSize(6);
    String id = r.observations().get(0).identity();
    assertThat(r.observations().subList(1, 4))
        .allSatisfy(o -> assertThat(o.identity()).isEqualTo(id));
    // another minute, another FRP: another detection
    assertThat(r.observations().get(4).identity()).isNotEqualTo(id);
    assertThat(r.observations().get(5).identity()).isNotEqualTo(id);
  }

  @Test
  void semicolonSeparatedFileIsNamedAsSuch() {
    var r = read("excel.csv", "latitude;longitude;acq_date\n48,26382;37,21014;2025-08-11\n");
    assertThat(r.observations()).isEmpty();
    Rejection rej = r.report().rejections().get(0);
    assertThat(rej.reason()).isEqualTo("unknown-format");
    assertThat(rej.line()).isEqualTo(1);
    assertThat(rej.message()).startsWith("the columns are separated by ';', not commas");
    assertThat(rej.raw()).isEqualTo("latitude;longitude;acq_date");
  }

  @Test
  void aBinaryFileIsRejectedWithoutControlCharactersOrARepeatedHeader() {
    byte[] junk = {0x1b, '[', '2', 'J', 0x07, 'P', 'K', 0x03, 0x04, 0x00, (byte) 0xff, '\n'};
    var r = FirmsReader.read("photo.jpg", new ByteArrayInputStream(junk));
    Rejection rej = r.report().rejections().get(0);
    assertThat(rej.reason()).isEqualTo("unknown-format");
    assertThat(rej.message())
        .isEqualTo(
            "the header is not a FIRMS header this reader knows (needs latitude, longitude and"
                + " acq_date or date)");
    assertThat(rej.raw()).startsWith("\\u001b[2J\\u0007PK\\u0003\\u0004\\u0000");
    assertThat(rej.raw().chars()).noneMatch(Character::isISOControl);
  }

  @Test
  void aZipArchiveAsFirmsDeliversItNamesTheCsvFilesToUnpack() throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bos, StandardCharsets.UTF_8)) {
      for (String entry :
          List.of("fire_archive_SV-C2_712345.csv", "fire_nrt_SV-C2_712345.csv", "Readme.txt")) {
        zip.putNextEntry(new ZipEntry(entry));
        zip.write(
            "latitude,longitude,acq_date\n48.5,37.5,2022-07-01\n".getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    var r =
        FirmsReader.read("DL_FIRE_SV-C2_712345.zip", new ByteArrayInputStream(bos.toByteArray()));
    assertThat(r.observations()).isEmpty();
    assertThat(r.report().format()).isEqualTo(FirmsReader.UNKNOWN_FORMAT);
    Rejection rej = r.report().rejections().get(0);
    assertThat(rej.file()).isEqualTo("DL_FIRE_SV-C2_712345.zip");
    assertThat(rej.reason()).isEqualTo("zip-archive");
    assertThat(rej.ofRow()).isFalse();
    assertThat(rej.message())
        .isEqualTo(
            "the file is a zip archive, not a CSV file: unpack it and give the CSV files it holds"
                + " (fire_archive_SV-C2_712345.csv, fire_nrt_SV-C2_712345.csv)");

    // cut short, the archive is still named as one
    byte[] cut = Arrays.copyOf(bos.toByteArray(), 40);
    var damaged = FirmsReader.read("cut.zip", new ByteArrayInputStream(cut));
    assertThat(damaged.report().rejections().get(0).reason()).isEqualTo("zip-archive");
    assertThat(damaged.report().rejections().get(0).message())
        .endsWith("it holds (none was found in it)");
  }

  @Test
  void jsonKmlOrAWebPageIsNamedAsSuchNotParsedAsCsv() throws IOException {
    // FIRMS's archive download offers JSON; a control map may be given where detections go
    String json = "[{\"latitude\":48.26382,\"longitude\":37.21014,\"acq_date\":\"2025-08-11\"}]";
    String geojson = "\uFEFF\n  {\"type\": \"FeatureCollection\", \"features\": []}";
    String kml = "<?xml version=\"1.0\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">";
    String page = "<!DOCTYPE html>\n<html><body>Service unavailable</body></html>";
    for (var input :
        List.of(
            List.of("fire_archive_SV-C2_712345.json", json, "the file is JSON, not CSV"),
            List.of("map.geojson", geojson, "the file is JSON, not CSV"),
            List.of("fires.kml", kml, "the file is XML or HTML"),
            List.of("download.csv", page, "the file is XML or HTML"))) {
      var r = read(input.get(0), input.get(1));
      assertThat(r.observations()).as(input.get(0)).isEmpty();
      assertThat(r.report().rejections()).as(input.get(0)).hasSize(1);
      Rejection rej = r.report().rejections().get(0);
      assertThat(rej.reason()).isEqualTo("unknown-format");
      assertThat(rej.line()).isEqualTo(1);
      assertThat(rej.message()).as(input.get(0)).startsWith(input.get(2));
    }
    var gz = FirmsReader.read("fires.json.gz", new ByteArrayInputStream(gzip(json)));
    assertThat(gz.report().rejections().get(0).message()).startsWith("the file is JSON, not CSV");

    // a CSV whose first field begins with such a character is still read as CSV
    var csv = read("quoted.csv", "\"latitude\",\"longitude\",\"acq_date\"\n48.5,37.5,2022-07-01\n");
    assertThat(csv.observations()).hasSize(1);
  }

  @Test
  void truncatedGzipKeepsTheRowsBeforeTheCut() throws IOException {
    StringBuilder sb = new StringBuilder("LATITUDE,LONGITUDE,ACQ_DATE\n");
    for (int i = 0; i < 20_000; i++) {
      sb.append("49.").append(100000 + i).append(",23.429745,2012-01-01\n");
    }
    byte[] whole = gzip(sb.toString());
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);
    var r = FirmsReader.read("cut.csv.gz", new ByteArrayInputStream(cut));
    assertThat(r.report().rejectedByReason()).containsOnlyKeys("truncated-gzip");
    assertThat(r.observations()).isNotEmpty().hasSizeLessThan(20_000);
    Rejection rej = r.report().rejections().get(0);
    assertThat(rej.line()).isEqualTo(r.observations().size() + 2);

    var full = FirmsReader.read("whole.csv.gz", new ByteArrayInputStream(whole));
    assertThat(full.observations()).hasSize(20_000);
    assertThat(full.report().rejections()).isEmpty();
  }

  @Test
  void everyBundledFileReadsWithoutRejections() throws IOException {
    Path data = Path.of("..", "data");
    try (Stream<Path> s =
        Stream.concat(
            Files.list(data.resolve("firms/viirs-nrt")), Files.list(data.resolve("labels")))) {
      for (Path f : s.toList()) {
        var r = FirmsReader.read(f);
        assertThat(r.report().rejections()).as(f.toString()).isEmpty();
        assertThat(r.observations()).as(f.toString()).isNotEmpty();
      }
    }
  }
}
