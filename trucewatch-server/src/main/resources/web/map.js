// Truce Watch web map: fixed layers once, then one report day at a time (detections on a canvas,
// incidents as SVG markers), so that a year of detections stays responsive.
(function () {
  'use strict';
  var state = {
    days: [], day: null, detections: 0, incidents: 0, shown: { detections: 0, incidents: 0 },
    loading: false, colours: {}, hidden: {}, features: [[], [], []],
    // the monitoring sector shown: its id, 'none' for what lies in none, or null for all
    sector: null, sectorNames: {}, grounds: {}, markers: {},
    // the day's incidents whose finding of the incident's verdict an analyst did not uphold
    notUpheld: {},
    // whether the reader is one of the mission's analysts, who may review findings here
    mayReview: false
  };
  window.truceWatch = state;

  var map = L.map('map', { preferCanvas: false, zoomSnap: 0.5 }).setView([48.5, 32], 6);
  state.map = map;
  var canvas = L.canvas({ padding: 0.5 });
  // fixed layers under the day's layers: oblasts, then zones, sectors, background areas, the line
  [['oblasts', 350], ['zones', 360], ['sectors', 362], ['background', 365], ['line', 370]].forEach(function (p) {
    map.createPane(p[0]).style.zIndex = String(p[1]);
  });
  var overlays = {};
  var detections = L.layerGroup().addTo(map);
  var incidents = L.layerGroup().addTo(map);
  var reports = L.layerGroup().addTo(map);
  var pending = null;

  function el(id) { return document.getElementById(id); }
  function esc(s) {
    return String(s === null || s === undefined ? '' : s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function status(text) { el('status').textContent = text; }
  // a count with its noun, in the singular for one
  function count(n, noun) { return n + ' ' + noun + (n === 1 ? '' : 's'); }
  function getJson(url, signal) {
    return fetch(url, { signal: signal }).then(function (r) {
      if (!r.ok) {
        return r.json().then(function (e) { throw new Error(e.message || r.statusText); });
      }
      return r.json();
    });
  }
  // who reads: signed in with a token (its name and member state, and a way out), or not
  getJson('/api/v1/reader').then(function (r) {
    var link = el('signin');
    if (r.signed_in) {
      // a token that expires says until when (UTC), so that its holder asks for another in time
      link.textContent = 'signed in as ' + r.name + (r.member ? ' (' + r.member + ')' : '') +
        (r.expires ? ', until ' + r.expires.slice(0, 16).replace('T', ' ') + ' UTC' : '') +
        ' · sign out';
      link.href = '/signout';
      link.title = 'forget the token in this browser';
    }
    state.mayReview = !!r.may_review;
    document.body.setAttribute('data-reader', r.signed_in ? r.name : '');
    if (state.mayReview && state.day && !state.loading) { toReview(); }
  });
  // every page of a GeoJSON listing, following its next links
  function allFeatures(url, signal) {
    var out = [];
    function page(u) {
      return getJson(u, signal).then(function (fc) {
        out = out.concat(fc.features);
        var next = (fc.links || []).filter(function (l) { return l.rel === 'next'; })[0];
        return next ? page(next.href) : out;
      });
    }
    return page(url);
  }
  function colour(verdict) { return state.colours[verdict] || '#1f78b4'; }

  // a verdict is told by more than its colour (WCAG 2.1, 1.4.1): a violation is the largest marker
  // with the thickest ring, a probable violation large with a dashed ring, a possible one of full
  // size; the others are smaller, with a thin ring (their popups and the lists name each verdict)
  var MARKS = {
    violation: { scale: 1.5, ring: 2, dash: null },
    'probable-violation': { scale: 1.25, ring: 1.5, dash: '4 2' },
    possible: { scale: 1, ring: 1, dash: null }
  };
  // the smaller ones differ by shape: a background incident's is a circle, an out-of-scope one's a
  // square, an inconclusive one's a diamond, and an incident with no finding has a triangle
  var SHAPES = { 'out-of-scope': 'square', inconclusive: 'diamond', none: 'triangle' };
  function mark(verdict, size) {
    var k = MARKS[verdict] || { scale: 0.75, ring: 0.5, dash: null };
    return { radius: size.radius * k.scale, weight: size.weight * k.ring, dashArray: k.dash,
      shape: SHAPES[verdict || 'none'] || 'circle' };
  }
  // the outline of a shape as wide and high as a circle of radius r about (x, y), as an SVG path
  function outline(shape, x, y, r) {
    if (shape === 'square') {
      return 'M' + (x - r) + ',' + (y - r) + 'H' + (x + r) + 'V' + (y + r) + 'H' + (x - r) + 'Z';
    }
    if (shape === 'diamond') {
      return 'M' + x + ',' + (y - r) + 'L' + (x + r) + ',' + y + 'L' + x + ',' + (y + r) + 'L' + (x - r) +
        ',' + y + 'Z';
    }
    return 'M' + x + ',' + (y - r) + 'L' + (x + r) + ',' + (y + r) + 'L' + (x - r) + ',' + (y + r) + 'Z';
  }
  // a circle marker drawn as its shape (on the SVG renderer, as Leaflet 1.9 draws a circle there:
  // its radius rounded, at least 1 px)
  var ShapedMarker = L.CircleMarker.extend({
    _updatePath: function () {
      if (this.options.shape === 'circle') { return L.CircleMarker.prototype._updatePath.call(this); }
      this._renderer._setPath(this, this._empty() ? 'M0 0' : outline(this.options.shape, this._point.x,
        this._point.y, Math.max(Math.round(this._radius), 1)));
    }
  });
  // how opaque an incident's marker is filled: faint when an analyst did not uphold its finding
  function fill(notUpheld) { return notUpheld ? 0.15 : 0.85; }
  // the legend's sample of a verdict's marker, as drawn at full size
  function swatch(verdict, notUpheld) {
    var s = mark(verdict, { radius: 4, weight: 1.5 });
    var half = s.radius + s.weight;
    var style = ' fill="' + colour(verdict) + '" fill-opacity="' + fill(notUpheld) +
      '" stroke="#222" stroke-width="' + s.weight + '"' +
      (s.dashArray ? ' stroke-dasharray="' + s.dashArray + '"' : '');
    return '<svg class="swatch" width="' + 2 * half + '" height="' + 2 * half + '" aria-hidden="true">' +
      (s.shape === 'circle'
        ? '<circle cx="' + half + '" cy="' + half + '" r="' + s.radius + '"' + style + '/>'
        : '<path class="shape-' + s.shape + '" d="' + outline(s.shape, half, half, s.radius) + '"' + style +
          '/>') + '</svg>';
  }

  // the legend doubles as a filter: untick a verdict to hide its incidents and their detections
  function legend() {
    var h = '<b>Verdict</b> (incidents, by colour, size, ring and shape; detections take their ' +
      'incident\'s colour)<br>';
    Object.keys(state.colours).concat(['none']).forEach(function (v) {
      h += '<label><input type="checkbox" class="verdict-toggle" value="' + esc(v) + '" checked> ' +
        swatch(v) + (v === 'none' ? 'no finding' : esc(v)) + '</label><br>';
    });
    h += '<span class="not-upheld-key">' + swatch('violation', true) + 'hollow: not upheld on an analyst\'s ' +
      'review (the verdict is the method\'s)</span><br>';
    h += '<span class="swatch" style="background:#d7301f;border-radius:0;height:3px"></span>line of contact';
    el('legend').innerHTML = h;
    Array.prototype.forEach.call(document.querySelectorAll('.verdict-toggle'), function (box) {
      box.addEventListener('change', function () {
        state.hidden[box.value] = !box.checked;
        draw();
      });
    });
  }

  function inSector(p) { return state.sector === null || (p.sector_id || 'none') === state.sector; }
  function visible(p) { return !state.hidden[p.verdict || 'none'] && inSector(p); }

  // with monitoring sectors, a choice of one: the map zooms to it and shows only what lies in it
  function sectorChoice(layer) {
    var bounds = {};
    var options = '<option value="">all sectors</option>';
    layer.eachLayer(function (l) {
      var p = l.feature.properties;
      bounds[p.id] = l.getBounds();
      state.sectorNames[p.id] = p.name;
      options += '<option value="' + esc(p.id) + '">' + esc(p.name) + '</option>';
    });
    state.sectorNames.none = 'outside the sectors';
    options += '<option value="none">outside the sectors</option>';
    el('sector-box').innerHTML = '<label for="sector">Sector</label> <select id="sector">' + options + '</select>';
    el('sector-box').hidden = false;
    el('sector').addEventListener('change', function (e) {
      state.sector = e.target.value === '' ? null : e.target.value;
      if (bounds[e.target.value]) { map.fitBounds(bounds[e.target.value]); }
      draw();
    });
  }

  // the more serious a verdict, the later it is drawn, so that it lies on top where markers overlap
  // (the order of the verdicts in the report's map: Verdict from last to first)
  var DRAW_ORDER = ['none', 'inconclusive', 'out-of-scope', 'background', 'possible',
    'probable-violation', 'violation'];
  function drawOrder(features) {
    return features.filter(function (f) { return visible(f.properties); }).sort(function (a, b) {
      return DRAW_ORDER.indexOf(a.properties.verdict || 'none') -
        DRAW_ORDER.indexOf(b.properties.verdict || 'none');
    });
  }

  // incident markers shrink at national zoom, so that the line of contact and the buffer along it
  // stay visible between them; from zoom 8 they have their full size
  function incidentSize() {
    var z = map.getZoom();
    return z < 7 ? { radius: 3, weight: 1 } : z < 8 ? { radius: 4, weight: 1 } : { radius: 6, weight: 1.5 };
  }
  map.on('zoomend', function () {
    var size = incidentSize();
    incidents.eachLayer(function (m) {
      var s = mark(m.verdict, size);
      m.setRadius(s.radius);
      m.setStyle({ weight: s.weight });
    });
  });

  // draws the loaded day's features that the legend does not hide
  function draw() {
    detections.clearLayers();
    incidents.clearLayers();
    var shown = { detections: 0, incidents: 0 };
    drawOrder(state.features[0]).forEach(function (f) {
      L.circleMarker([f.geometry.coordinates[1], f.geometry.coordinates[0]], {
        renderer: canvas, radius: 2.5, weight: 0, fillOpacity: 0.8, fillColor: colour(f.properties.verdict)
      }).addTo(detections);
      shown.detections++;
    });
    var size = incidentSize();
    state.markers = {};
    drawOrder(state.features[1]).forEach(function (f) {
      var p = f.properties;
      var s = mark(p.verdict, size);
      var m = new ShapedMarker([f.geometry.coordinates[1], f.geometry.coordinates[0]], {
        radius: s.radius, weight: s.weight, dashArray: s.dashArray, color: '#222', shape: s.shape,
        fillOpacity: fill(state.notUpheld[p.id]), fillColor: colour(p.verdict),
        className: 'incident verdict-' + (p.verdict || 'none') + ' shape-' + s.shape +
          (state.notUpheld[p.id] ? ' not-upheld' : '')
      }).addTo(incidents);
      m.verdict = p.verdict;
      m.on('click', function () { openIncident(m, p); });
      state.markers[p.id] = { marker: m, props: p };
      shown.incidents++;
    });
    drawReports(state.features[2]);
    state.shown = shown;
    var d = state.days.filter(function (x) { return x.date === state.day; })[0];
    // the day's reports are counted whoever reads; the map shows those released to this reader
    var released = d && d.reports > 0 ? '; ' + state.features[2].length + ' of ' +
      count(d.reports, 'surveillance report') + ' released to you' : '';
    var where = state.sector === null ? '' : state.sector === 'none' ? ' outside the sectors'
      : ' in ' + state.sectorNames[state.sector];
    status(state.day + ': ' + count(shown.detections, 'detection') + ', ' + count(shown.incidents, 'incident') +
      ' shown' + where + (shown.incidents < state.incidents ? ' (' + (state.incidents - shown.incidents) +
      ' hidden by the legend' + (state.sector === null ? '' : ' or the sector') + ')' : '') + released);
  }

  // each surveillance report as its source gave it: a square at its point, a dashed circle of
  // its uncertainty, and on a click who reported what, and to whom it is released
  function drawReports(features) {
    reports.clearLayers();
    features.forEach(function (f) {
      var p = f.properties;
      var at = [f.geometry.coordinates[1], f.geometry.coordinates[0]];
      if (p.uncertainty_m > 0) {
        L.circle(at, { radius: p.uncertainty_m, color: '#333', weight: 1, dashArray: '3 3', fill: false,
          interactive: false }).addTo(reports);
      }
      var m = L.marker(at, { icon: L.divIcon({ className: 'report event-' + p.event, iconSize: [10, 10] }),
        title: p.source_kind + ':' + p.source_id + ' ' + p.event }).addTo(reports);
      m.bindPopup(reportHtml(p), { maxWidth: 360 });
    });
  }

  function reportHtml(p) {
    var what = p.event_count > 1 ? p.event_count + ' × ' + p.event : p.event;
    return '<div class="report-popup"><p><b>' + esc(p.source_kind + ':' + p.source_id) + '</b>' +
      (p.member_state ? ' (provided by ' + esc(p.member_state) + ')' : ' (the mission\'s own)') +
      ' reported <b>' + esc(what) + '</b> at ' + esc(String(p.time).replace('T', ' ').replace(/:00Z$|Z$/, '')) +
      ' UTC, within ' + esc(Math.round(p.uncertainty_m)) + ' m.</p>' +
      (p.description ? '<p>“' + esc(p.description) + '”</p>' : '') +
      '<p>Report ' + esc(p.report_id) + ', ' + esc(p.file_name) + ':' + esc(p.line) + '; released to ' +
      esc(p.releasable_to) + '.</p></div>';
  }

  function totals(d) {
    // surveillance reports are counted whatever the satellites covered
    var reported = d.reports > 0 ? '<p class="reported">' + esc(count(d.reports, 'surveillance report')) +
      ' of this day; the daily report counts them by event.</p>' : '';
    // what the sources' watch logs say of the day (none when no source logged a period in it)
    var watched = d.sources_watching > 0 || d.sources_offline > 0 ? '<p class="watched">Watch logs: ' +
      esc(count(d.sources_watching, 'surveillance source')) + ' watched for part or all of this day' +
      (d.sources_offline > 0 ? ', ' + esc(d.sources_offline) + (d.sources_offline === 1 ? ' was' : ' were') +
        ' offline for part of it' : '') + '; the daily report gives the hours.</p>' : '';
    reported += watched;
    if (d.status === 'not-observed') {
      return '<p class="unobserved">Not observed: no satellite data for this day. ' +
        'No counts are given; absence of detections is not evidence.</p>' + reported;
    }
    var partial = d.status === 'partial' ? '<p class="partial">Partly observed: the inputs cover only ' +
      'part of this day, and the counts are of that part.</p>' : '';
    var revised = d.versions > 1 ? '<p class="revised">Revised: version ' + esc(d.versions) +
      ' of this day\'s figures, stated ' + esc(d.last_stated.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, '')) +
      ' UTC; the day\'s report lists every version.</p>' : '';
    var rows = [['detections', d.detections], ['war-related (inference)', d.war_related],
      ['incidents', d.incidents]];
    Object.keys(d.findings).forEach(function (k) { rows.push([k, d.findings[k]]); });
    return partial + revised + reported + '<table id="day-totals-table">' + rows.map(function (r) {
      return '<tr><td>' + esc(r[0]) + '</td><td data-key="' + esc(r[0]) + '">' + esc(r[1]) + '</td></tr>';
    }).join('') + '</table>';
  }

  function findingHtml(f) {
    var ev = (f.evidence || []).slice(0, 12).map(function (e) {
      // a surveillance report names its event; a detection whether it is assessed as war-related
      var what = e.kind === 'report' ? 'report: ' + e.rule : (e.war_related ? 'war-related' : '');
      // a report not released to this reader names its source, not its file and line
      var where = e.withheld ? 'withheld' : esc(e.file) + ':' + esc(e.line);
      return '<tr><td>' + where + '</td><td>' + esc(e.time) +
        '</td><td>' + esc(e.sensor) + '</td><td>' + esc(what) + '</td></tr>';
    }).join('');
    var more = (f.evidence || []).length > 12 ? '<p>… ' + count(f.evidence.length - 12, 'more evidence row') + '</p>' : '';
    // a violation or probable violation is an alert: its CAP message, to pass on as it is
    var cap = f.verdict === 'violation' || f.verdict === 'probable-violation' ?
      ' · <a class="cap" href="/api/v1/findings/' + esc(f.id.replace('/', ':')) +
      '?format=cap">CAP message</a>' : '';
    return '<div class="finding" data-finding="' + esc(f.id) + '"><h3>' + esc(f.verdict) + ' — clause ' +
      esc(f.clause_id) + '</h3><p>' + esc(f.reasoning) + '</p>' + reviewHtml(f.review) + reviewForm() +
      '<p>' + (f.oblast ? esc(f.oblast) + ', ' : '') +
      (f.sector ? 'sector: ' + esc(f.sector) + ', ' : '') +
      esc(state.grounds[f.side] || f.side.replace(/_/g, ' ') + ' ground') + '; first seen ' +
      esc(f.first_time) + '</p>' +
      '<table><tr><th>evidence (file:line)</th><th>time (UTC)</th><th>source</th><th></th></tr>' + ev +
      '</table>' + more + '<p><a href="/reports/days/' + esc(f.report_day) +
      '.html">report of ' + esc(f.report_day) + '</a>' + cap + '</p></div>';
  }

  // an analyst's review is a person's judgement, told apart from the method's finding
  function reviewHtml(r) {
    if (!r) { return ''; }
    var of = r.same_evidence ? '' : ' (made when the finding rested on ' +
      count(r.evidence_rows, 'evidence row') + ', verdict ' + esc(r.verdict) + ')';
    return '<p class="review">Analyst review, not the method\'s: <b>' + esc(r.status) + '</b> by ' +
      esc(r.by) + ' on ' + esc(r.made.substring(0, 16).replace('T', ' ')) + ' UTC' + of + ': ' +
      esc(r.note) + '</p>';
  }

  // an analyst signed in records a review of a finding where it is shown
  function reviewForm() {
    if (!state.mayReview) { return ''; }
    return '<form class="review-form"><label>Your review: <select name="status">' +
      ['under-review', 'upheld', 'not-upheld'].map(function (v) {
        return '<option value="' + v + '">' + v + '</option>';
      }).join('') + '</select></label><label>Why (shown to every reader of the finding):' +
      '<textarea name="note" maxlength="2000" required rows="2"></textarea></label>' +
      '<button type="submit">Record review</button> <span class="review-said" role="status"></span></form>';
  }
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (!form.classList.contains('review-form')) { return; }
    e.preventDefault();
    var finding = form.closest('.finding');
    var said = form.querySelector('.review-said');
    var button = form.querySelector('button');
    button.disabled = true;
    said.textContent = 'Recording…';
    fetch('/api/v1/findings/' + encodeURIComponent(finding.getAttribute('data-finding').replace('/', ':')) +
      '/reviews', {
      method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ status: form.elements.status.value, note: form.elements.note.value })
    }).then(function (r) {
      return r.json().then(function (b) {
        if (!r.ok) { throw new Error(b.message || r.statusText); }
        // the review just made is of the finding as shown, which a re-assessment may have
        // superseded since (a detection or report joined its incident)
        var changed = b.current_finding_id !== finding.getAttribute('data-finding');
        b.same_evidence = !changed;
        var old = finding.querySelector('.review');
        var shown = document.createElement('div');
        shown.innerHTML = reviewHtml(b);
        if (old) { old.replaceWith(shown.firstChild); } else { form.before(shown.firstChild); }
        form.elements.note.value = '';
        said.textContent = changed ? 'Recorded, of the finding as shown here. It has changed ' +
          'since (now finding ' + b.current_finding_id + '): open it again to see it as it stands.' :
          'Recorded.';
        toReview();
        notUpheld();
        notable();
      });
    }).catch(function (err) {
      said.textContent = 'Not recorded: ' + err.message;
    }).then(function () { button.disabled = false; });
  });

  // how many findings of each verdict a list of findings loads at a time
  state.listPage = 200;
  // a list of the day's findings of violation and probable violation that the query selects,
  // under the heading head(count), the violations first; a page of each verdict at a time, with a
  // button below that lists the next and takes the keyboard to the first entry it added; a click
  // or Enter on an entry opens its popup
  function findingList(box, query, head) {
    var day = state.day;
    var verdicts = ['violation', 'probable-violation'];
    var listed = [[], []];
    var matched = [null, null];
    function entry(f) {
      return '<li><a href="#' + esc(day) + '" data-finding="' + esc(f.id) + '" data-incident="' +
        esc(f.incident_id) + '">' + esc(f.verdict) + ', clause ' + esc(f.clause_id) + ', ' +
        esc(f.first_time.substring(0, 16).replace('T', ' ')) + ' UTC' +
        (f.oblast ? ', ' + esc(f.oblast) : '') +
        (f.review && f.review.status === 'not-upheld' ? ', not upheld on an analyst\'s review' : '') +
        '</a></li>';
    }
    function page() {
      var before = [listed[0].length, listed[1].length];
      return Promise.all(verdicts.map(function (v, k) {
        if (matched[k] !== null && listed[k].length >= matched[k]) { return null; }
        return getJson('/api/v1/findings?limit=' + state.listPage + '&offset=' + listed[k].length +
          '&verdict=' + v + '&day=' + day + query);
      })).then(function (res) {
        if (state.day !== day) { return; }
        res.forEach(function (r, k) {
          if (r) { matched[k] = r.matched; listed[k] = listed[k].concat(r.items); }
        });
        var n = matched[0] + matched[1];
        var items = listed[0].concat(listed[1]);
        var left = n - items.length;
        box.innerHTML = head(n) + (items.length ? '<ul>' + items.map(entry).join('') + '</ul>' : '') +
          (left > 0 ? '<button type="button" class="more">Show more (' + count(left, 'finding') +
            ' not listed yet)</button>' : '');
        box.hidden = false;
        box.setAttribute('data-left', String(n));
        var more = box.querySelector('button.more');
        if (more) {
          more.addEventListener('click', function () {
            more.disabled = true;
            page().catch(function (e) {
              more.disabled = false;
              status('could not list more findings: ' + e.message);
            });
          });
        }
        if (before[0] + before[1] > 0) {
          // the first entry the page added: a violation after those listed, else a probable one
          var first = listed[0].length > before[0] ? before[0] : listed[0].length + before[1];
          var links = box.querySelectorAll('a[data-finding]');
          if (links[first]) { links[first].focus(); }
        }
      });
    }
    page().catch(function (e) { box.textContent = 'Could not list the findings: ' + e.message; });
  }

  // the day's incidents whose finding of the incident's verdict an analyst did not uphold: their
  // markers are drawn hollow, as the legend says (the popup and the lists say it in words)
  function notUpheld() {
    var day = state.day;
    getJson('/api/v1/findings?limit=10000&review=not-upheld&day=' + day).then(function (r) {
      if (state.day !== day) { return; }
      var found = {};
      var verdicts = {};
      state.features[1].forEach(function (i) { verdicts[i.properties.id] = i.properties.verdict; });
      r.items.forEach(function (f) {
        if (verdicts[f.incident_id] === f.verdict) { found[f.incident_id] = true; }
      });
      state.notUpheld = found;
      Object.keys(state.markers).forEach(function (id) {
        var m = state.markers[id].marker;
        m.setStyle({ fillOpacity: fill(found[id]) });
        if (m.getElement()) { m.getElement().classList.toggle('not-upheld', !!found[id]); }
      });
      document.body.setAttribute('data-not-upheld', String(Object.keys(found).length));
    }).catch(function (e) { status('could not load the reviews of ' + day + ': ' + e.message); });
  }

  // every reader's list of the day's violations and probable violations, also the way to them
  // for a reader without a mouse
  function notable() {
    findingList(el('notable'), '', function (n) {
      return '<b>Violations and probable violations</b> (' +
        (n === 0 ? 'none on this day' : count(n, 'finding') + ' on this day') + ')';
    });
  }

  // an analyst's list of work: the day's violations and probable violations no review concerns
  function toReview() {
    var box = el('to-review');
    if (!state.mayReview) { box.hidden = true; return; }
    findingList(box, '&review=none', function (left) {
      return '<b>To review</b> (' + (left === 0 ? 'none left' : count(left, 'finding') +
        ' of violation or probable violation on this day with no review') + ')';
    });
  }
  ['notable', 'to-review'].forEach(function (id) {
    el(id).addEventListener('click', function (e) {
      var a = e.target.closest('a[data-incident]');
      if (!a) { return; }
      e.preventDefault();
      var shown = state.markers[a.getAttribute('data-incident')];
      if (!shown) { status('that incident is hidden by the legend or the sector'); return; }
      map.setView(shown.marker.getLatLng(), Math.max(map.getZoom(), 9));
      openIncident(shown.marker, shown.props);
    });
  });

  function openIncident(marker, props) {
    marker.bindPopup('Loading finding…', { maxWidth: 460 }).openPopup();
    getJson('/api/v1/findings?incident=' + encodeURIComponent(props.id) + '&limit=50').then(function (r) {
      var seen = [];
      if (props.detections > 0 || !props.reports) { seen.push(count(props.detections, 'detection')); }
      if (props.reports > 0) { seen.push(count(props.reports, 'report')); }
      var h = '<p><b>Incident ' + esc(props.id) + '</b>: ' + esc(seen.join(' and ')) + ' by ' +
        esc(props.sources.replace(/,/g, ', ')) + '</p>';
      h += r.items.length ? r.items.map(findingHtml).join('') : '<p>No finding.</p>';
      marker.setPopupContent(h);
    }).catch(function (e) { marker.setPopupContent('Could not load the finding: ' + esc(e.message)); });
  }

  function showDay(i) {
    var d = state.days[i];
    state.day = d.date;
    state.loading = true;
    el('day-label').textContent = d.date;
    el('day-phase').textContent = '(' + d.phase + (d.status === 'not-observed' ? ', not observed'
      : d.status === 'partial' ? ', partly observed' : '') + ')';
    el('day-totals').innerHTML = totals(d);
    el('day-links').hidden = false;
    el('day-report').href = '/reports/days/' + d.date + '.html';
    el('day-report-pdf').href = '/reports/days/' + d.date + '.pdf';
    history.replaceState(null, '', '#' + d.date);
    el('day-report').textContent = 'report of ' + d.date;
    if (pending) { pending.abort(); }
    pending = new AbortController();
    var signal = pending.signal;
    status('loading ' + d.date + '…');
    Promise.all([
      allFeatures('/api/v1/observations?format=geojson&limit=5000&day=' + d.date + state.bbox, signal),
      allFeatures('/api/v1/incidents?format=geojson&limit=5000&day=' + d.date + state.bbox, signal),
      // reports have no report day: the day's interval; none to fetch on a day without any
      d.reports > 0 ? allFeatures('/api/v1/surveillance-reports?format=geojson&limit=5000&from=' +
        encodeURIComponent(d.from) + '&to=' + encodeURIComponent(d.to), signal) : Promise.resolve([])
    ]).then(function (res) {
      state.features = res;
      state.detections = res[0].length;
      state.incidents = res[1].length;
      state.loading = false;
      state.notUpheld = {};
      draw();
      notable();
      notUpheld();
      toReview();
      document.body.setAttribute('data-day-loaded', d.date);
    }).catch(function (e) {
      if (e.name !== 'AbortError') { status('could not load ' + d.date + ': ' + e.message); }
    });
  }

  var OBLASTS = { color: '#777', weight: 0.8, fill: true, fillColor: '#f4f1ea', fillOpacity: 1 };

  // a fixed layer; with a tooltip function its features name themselves on hover
  function geo(url, style, name, show, pane, tooltip) {
    return getJson(url).then(function (fc) {
      var layer = L.geoJSON(fc, {
        style: style, interactive: !!tooltip, pane: pane,
        onEachFeature: tooltip ? function (f, l) { l.bindTooltip(tooltip(f)); } : undefined
      });
      if (show) { layer.addTo(map); }
      return [name, layer];
    });
  }

  // how current the map is: each satellite's newest detection, the last file, the assessment
  function asOf(a) {
    if (!a) { return ''; }
    function utc(t) { return t.slice(0, 16).replace('T', ' ') + ' UTC'; }
    // an assessment made before the map's document kept them names no newest detection
    var newest = (a.newest_detections || []).map(function (d) { return d.source + ' ' + utc(d.acquired); });
    var parts = a.newest_detections ? ['newest detection ' + (newest.length ? newest.join(', ') : 'none')] : [];
    if (a.last_ingest_received) { parts.push('last file taken in ' + utc(a.last_ingest_received)); }
    parts.push('assessed ' + utc(a.assessed));
    return 'Data as of: ' + parts.join('; ');
  }

  // a map left open (in the monitoring centre, all day) asks each minute whether a newer
  // assessment has been made, and offers to show it rather than changing what the reader looks at
  var NEWER_EVERY_MS = 60000;
  function checkForNewer() {
    if (document.hidden) { return Promise.resolve(); }
    // revalidated each time: the server answers 304 while the assessment is the same
    return fetch('/api/v1/map', { cache: 'no-cache' }).then(function (r) {
      return r.ok ? r.json() : null;
    }).then(function (cfg) {
      if (!cfg || !cfg.as_of || cfg.as_of.assessed === state.assessed) { return; }
      state.newer = cfg;
      var box = el('newer');
      box.innerHTML = 'Newer data' + (otherTerms(cfg) ? ' under other truce terms' : '') + ': assessed ' +
        esc(cfg.as_of.assessed.slice(0, 16).replace('T', ' ')) + ' UTC. <button type="button">Show it</button>';
      box.querySelector('button').addEventListener('click', showNewer);
      box.hidden = false;
    }).catch(function () { /* asked again in a minute */ });
  }
  state.checkForNewer = checkForNewer;
  setInterval(checkForNewer, NEWER_EVERY_MS);
  document.addEventListener('visibilitychange', checkForNewer);

  // whether an assessment is under other terms or method than the one shown, whose zones, sectors,
  // line and legend differ: the page is then loaded anew
  function otherTerms(cfg) {
    return cfg.as_of.terms_id !== state.termsId || cfg.method_version !== state.methodVersion;
  }

  // the newer assessment's days and the same day again, where the reader is on the map
  function showNewer() {
    var cfg = state.newer;
    el('newer').hidden = true;
    if (!state.assessed || otherTerms(cfg)) { location.reload(); return; }
    state.assessed = cfg.as_of.assessed;
    state.days = cfg.days;
    el('as-of').textContent = asOf(cfg.as_of);
    var slider = el('day');
    slider.max = String(state.days.length - 1);
    var i = state.days.findIndex(function (d) { return d.date === state.day; });
    if (i < 0) { i = Math.min(Number(slider.value), state.days.length - 1); }
    slider.value = String(i);
    showDay(i);
  }

  getJson('/api/v1/map').then(function (cfg) {
    state.assessed = cfg.as_of ? cfg.as_of.assessed : null;
    state.termsId = cfg.as_of ? cfg.as_of.terms_id : null;
    state.methodVersion = cfg.method_version;
    state.colours = cfg.verdict_colours;
    state.days = cfg.days;
    state.grounds = cfg.truce.grounds || {};
    // the country and a margin: a store fed with FIRMS files of the whole world stays drawable
    state.bbox = cfg.extent ? '&bbox=' + cfg.extent.join(',') : '';
    el('truce-name').textContent = cfg.truce.name;
    el('method').textContent = 'method ' + cfg.method_version + '; times UTC, days cut at the report cutoff (' +
      cfg.truce.time_zone + ')';
    el('as-of').textContent = asOf(cfg.as_of);
    if (cfg.signing) {
      // the fingerprint in full: a reader checks a PDF passed on by others against it
      el('signing').innerHTML = 'The PDFs and the CAP alerts are signed by ' + esc(cfg.signing.signer) +
        ' (<a href="' + esc(cfg.signing.certificate) + '">certificate</a>, SHA-256 <code>' +
        esc(cfg.signing.sha256) + '</code>): <code>trucewatch verify-pdf FILE --fingerprint SHA256</code> ' +
        'or a PDF reader checks one.';
      el('signing').hidden = false;
    }
    if (cfg.tiles && cfg.tiles.url) {
      L.tileLayer(cfg.tiles.url, { attribution: cfg.tiles.attribution, maxZoom: 18 }).addTo(map);
    }
    legend();
    return Promise.all([
      geo('/api/v1/oblasts', OBLASTS, 'oblasts', true, 'oblasts'),
      geo('/api/v1/zones', function (f) {
        return f.properties.kind === 'buffer'
          ? { color: '#e08214', weight: 0, fillOpacity: 0.18 }
          : { color: '#5e3c99', weight: 1.5, fillOpacity: 0.1 };
      }, 'zones (buffer, exclusion)', true, 'zones'),
      // monitoring sectors, when the terms have any: outlines that name themselves on hover
      cfg.truce.sectors > 0 ? geo('/api/v1/sectors', { color: '#1b7837', weight: 2, dashArray: '8 4', fill: false },
        'monitoring sectors', true, 'sectors', function (f) {
          return 'sector ' + esc(f.properties.name);
        }) : null,
      geo('/api/v1/background-areas', function (f) {
        return f.properties.kind === 'static_source'
          ? { color: '#4d4d4d', weight: 1, fillOpacity: 0.15 }
          : { color: '#4d4d4d', weight: 1.5, dashArray: '4 3', fillOpacity: 0.05 };
      }, 'background areas (static sources, known fire areas)', true, 'background', function (f) {
        var p = f.properties;
        return p.kind === 'static_source'
          ? esc(p.name) + ': static heat source, radius ' + esc(p.radius_m) + ' m'
          : 'known fire area ' + esc(p.id) + ' (' + esc(p.from) + ' to ' + esc(p.to || 'open') + '): ' + esc(p.reason);
      }),
      geo('/api/v1/line-of-contact', { color: '#d7301f', weight: 2 }, 'line of contact', true, 'line')
    ]).then(function (layers) {
      // the layer control lists the layers in the order above, whichever loaded first
      layers = layers.filter(function (p) { return p !== null; });
      layers.forEach(function (p) { overlays[p[0]] = p[1]; });
      map.fitBounds(layers[0][1].getBounds());
      if (overlays['monitoring sectors']) { sectorChoice(overlays['monitoring sectors']); }
      overlays['detections of the day'] = detections;
      overlays['incidents of the day'] = incidents;
      overlays['surveillance reports of the day (released to you)'] = reports;
      // on a phone the list of layers would cover the map: it opens from its button
      L.control.layers(null, overlays, { collapsed: window.matchMedia('(max-width: 700px)').matches })
        .addTo(map);
      document.body.setAttribute('data-layers', Object.keys(overlays).join('|'));
      var slider = el('day');
      slider.max = String(state.days.length - 1);
      // the day in the address (#2025-08-16), else the first truce day
      var asked = state.days.findIndex(function (d) { return '#' + d.date === location.hash; });
      var first = state.days.findIndex(function (d) { return d.phase === 'truce'; });
      slider.value = String(asked >= 0 ? asked : first < 0 ? 0 : first);
      slider.disabled = false;
      var timer = null;
      slider.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(function () { showDay(Number(slider.value)); }, 120);
      });
      showDay(Number(slider.value));
      // a link to another day opened in this tab changes only the address's day: follow it
      window.addEventListener('hashchange', function () {
        var i = state.days.findIndex(function (d) { return '#' + d.date === location.hash; });
        if (i >= 0 && state.days[i].date !== state.day) {
          slider.value = String(i);
          showDay(i);
        }
      });
    });
  }).catch(function (e) {
    // no assessment yet (no terms or no observations): say so once, and offer no day or report;
    // the country is drawn all the same
    el('day-totals').textContent = e.message.charAt(0).toUpperCase() + e.message.slice(1) + '.';
    geo('/api/v1/oblasts', OBLASTS, 'oblasts', true, 'oblasts').then(function (p) {
      map.fitBounds(p[1].getBounds());
      document.body.setAttribute('data-empty', 'true');
    });
  });
})();
