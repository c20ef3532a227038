"""The JavaScript and CSS of the exported map page (text only; `backend.map_page` fills in
the placeholders: __MAP__, __TILES__, __CONTROL__, __LEGEND__, __DATA__, __TOGGLES__ and the
constants).

A data row is [lat, lng, code, name, tier, grade, quadrant, rep#, area#, bought_12m, plan_12m,
balance, credit_limit, last_purchase, last_visit, [[kind#, severity#], ...], worst severity#],
where # marks an index into D.reps, D.areas, D.kinds or the legend's severities.
"""

STYLE = """
.leaflet-container,.fs-legend,.fs-pop,#fs-offline{font-family:"PingFang SC","Microsoft YaHei",
 "Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC",sans-serif}
.fs-legend{position:absolute;left:10px;bottom:48px;z-index:1000;background:rgba(255,255,255,.93);
 padding:6px 9px;border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.35);font-size:12px;
 line-height:1.45;
 max-height:calc(100% - 60px);overflow:auto}
.fs-legend-title{font-weight:600;margin-bottom:2px;cursor:pointer}
@media (max-width:699px){.fs-legend:not(.fs-open) .fs-row,.fs-legend:not(.fs-open) .fs-legend-sec{
 display:none}.fs-legend-title::after{content:" ▸"}.fs-open .fs-legend-title::after{content:" ▾"}}
.fs-legend-sec{margin-top:4px;color:#555}
.fs-sw,.fs-tier{display:inline-block;width:11px;height:11px;margin-right:6px;vertical-align:-1px;
 box-sizing:border-box}
.fs-tier{background:#777}.fs-circle{border-radius:50%}.fs-diamond{transform:rotate(45deg) scale(.8)}
.fs-marker,.fs-cluster{background:none;border:none}
.fs-shape{box-sizing:border-box;margin:auto}
.fs-bubble{box-sizing:border-box;border-radius:50%;text-align:center;font-weight:600;font-size:12px}
#fs-offline{position:absolute;top:10px;left:50%;transform:translateX(-50%);z-index:1000;
 background:#fff8d6;border:1px solid #c9a400;border-radius:4px;padding:4px 10px;
 font-size:12px;display:none}
.fs-pop{font-size:12px;line-height:1.5;min-width:230px}.fs-pop b{font-size:13px}
.fs-pop .fs-sub{color:#555;margin-bottom:4px}.fs-pop table{border-collapse:collapse}
.fs-pop th{text-align:left;font-weight:normal;color:#555;padding:1px 8px 1px 0;white-space:nowrap}
.fs-pop td{padding:1px 0}.fs-pop .fs-warn{display:block}
"""

SCRIPT = r"""
(function () {
  var map = __MAP__, tiles = __TILES__, control = __CONTROL__, S = __LEGEND__, D = __DATA__;
  var rows = D.rows, kinds = D.kinds, sev = S.severities, rings = S.rings;
  var toggles = __TOGGLES__;
  // for people and tests: the map, whether markers are drawn, how many pass the filters
  var ui = window.fieldsalesMap = {map: map, ready: false, total: rows.length, shown: 0,
    tileErrors: 0};
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function money(n) { return "¥" + String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }
  function pct(a, b) { return b > 0 ? " (" + Math.round(100 * a / b) + "%)" : ""; }
  var icons = {};
  function markerIcon(grade, tier, worst) {
    var key = grade + "|" + tier + "|" + worst;
    if (icons[key]) return icons[key];
    var g = S.grades[grade] || S.grades[S.ungraded], t = S.tiers[tier] || S.tiers["3"];
    var r = rings[sev[worst]], n = t.size;
    var side = t.shape === "diamond" ? Math.round(n / Math.SQRT2) : n;
    var style = "width:" + side + "px;height:" + side + "px;margin-top:" + (n - side) / 2 + "px;"
      + "background:" + g.color + ";border:" + r.width + "px solid " + r.color + ";"
      + "box-shadow:0 0 0 1px " + S.outline + ";border-radius:"
      + (t.shape === "circle" ? "50%" : "2px") + ";"
      + (t.shape === "diamond" ? "transform:rotate(45deg);" : "");
    return icons[key] = L.divIcon({
      html: '<div class="fs-shape" style="' + style + '"></div>',
      className: "fs-marker fs-grade-" + grade + " fs-tier-" + tier + " fs-sev-" + sev[worst],
      iconSize: [n, n], iconAnchor: [n / 2, n / 2]
    });
  }
  function clusterIcon(cluster) {
    var ms = cluster.getAllChildMarkers(), worst = 0, n = ms.length, size = 0;
    for (var i = 0; i < n && worst < 3; i++) if (ms[i].fsRow[16] > worst) worst = ms[i].fsRow[16];
    for (var j = 0; j < S.cluster.sizes.length && !size; j++) {
      var lim = S.cluster.sizes[j][0];
      if (lim === null || n <= lim) size = S.cluster.sizes[j][1];
    }
    var r = rings[sev[worst]];
    return L.divIcon({
      html: '<div class="fs-bubble" data-count="' + n + '" style="width:' + size + "px;height:"
        + size + "px;line-height:" + (size - 2 * r.width) + "px;background:" + S.cluster.fill
        + ";color:" + S.cluster.text + ";border:" + r.width + "px solid " + r.color
        + ";box-shadow:0 0 0 1px " + S.outline + '">' + n + "</div>",
      className: "fs-cluster fs-sev-" + sev[worst], iconSize: [size, size]
    });
  }
  function popup(r) {
    var g = S.grades[r[5]], t = S.tiers[r[4]], q = S.quadrants[r[6]];
    var sub = [esc(r[2]), t.label_zh + " " + t.label_en, g.label_zh];
    if (q) sub.push(q[0] + " " + q[1]);
    var warns = r[15].map(function (w) {
      var k = S.warning_kinds[kinds[w[0]]], ring = rings[sev[w[1]]];
      return '<span class="fs-warn" style="color:' + ring.color + '">● ' + k[0] + " " + k[1]
        + " · " + ring.label_zh + " " + ring.label_en + "</span>";
    }).join("") || "—";
    function line(zh, en, v) { return "<tr><th>" + zh + " " + en + "</th><td>" + v + "</td></tr>"; }
    return '<div class="fs-pop"><b>' + esc(r[3]) + '</b><div class="fs-sub">' + sub.join(" · ")
      + "</div><table>"
      + line("近12月进货", "Purchases 12m",
             money(r[9]) + " / 计划 plan " + money(r[10]) + pct(r[9], r[10]))
      + line("应收余额", "Balance",
             money(r[11]) + " / 额度 limit " + money(r[12]) + pct(r[11], r[12]))
      + line("最近进货", "Last purchase", r[13] || "—")
      + line("最近拜访", "Last visit", r[14] || "—")
      + line("未结预警", "Open warnings", warns)
      + line("业务员", "Rep", esc(D.reps[r[7]] || "—") + " · " + esc(D.areas[r[8]]))
      + "</table></div>";
  }
  var markers = new Array(rows.length);
  for (var i = 0; i < rows.length; i++) {
    var r = rows[i];
    var m = L.marker([r[0], r[1]], {icon: markerIcon(r[5], r[4], r[16]), title: r[3]});
    m.fsRow = r;
    markers[i] = m;
  }
  var chunked = rows.length > __CHUNKED_ABOVE__;
  var cluster = L.markerClusterGroup({
    iconCreateFunction: clusterIcon, showCoverageOnHover: false, maxClusterRadius: 60,
    disableClusteringAtZoom: __UNCLUSTER_AT__,
    chunkedLoading: chunked, chunkInterval: 150, chunkDelay: 10,
    chunkProgress: function (done, total) { if (done === total) finish(); }
  });
  cluster.on("click", function (e) {
    var r = e.layer.fsRow;
    L.popup({maxWidth: 360, offset: [0, -S.tiers[r[4]].size / 2]})
      .setLatLng(e.layer.getLatLng()).setContent(popup(r)).openOn(map);
  });
  function finish() {
    ui.shown = cluster.getLayers().length;
    ui.ready = true;
  }
  function visible(r) {
    if (!toggles.on.g[r[5]]) return false;
    if (!r[15].length) return toggles.on.k[__NO_WARNING__];
    for (var j = 0; j < r[15].length; j++) if (toggles.on.k[kinds[r[15][j][0]]]) return true;
    return false;
  }
  function refresh() {
    toggles.on = {g: {}, k: {}};
    toggles.list.forEach(function (t) { toggles.on[t[1]][t[2]] = map.hasLayer(t[0]); });
    ui.ready = false;
    cluster.clearLayers();
    cluster.addLayers(markers.filter(function (m) { return visible(m.fsRow); }));
    if (!chunked) finish();
  }
  map.on("overlayadd overlayremove", function (e) {
    if (toggles.list.some(function (t) { return t[0] === e.layer; })) refresh();
  });
  tiles.on("tileerror", function () {
    ui.tileErrors++;
    document.getElementById("fs-offline").style.display = "block";
  });
  // keep customers clear of the legend (bottom left) and the layer list (top right); on a
  // phone both fold away instead
  var legendBox = document.getElementById("fs-legend");
  var narrow = map.getSize().x < 700, pad = [[20, 20], [20, 20]];
  if (narrow) {
    control.collapse();
  } else {
    pad = [[legendBox.offsetWidth + 20, 20], [control.getContainer().offsetWidth + 20, 20]];
  }
  legendBox.querySelector(".fs-legend-title").addEventListener("click", function () {
    legendBox.classList.toggle("fs-open");
  });
  if (D.bounds) map.fitBounds(D.bounds, {maxZoom: 15, animate: false,
    paddingTopLeft: pad[0], paddingBottomRight: pad[1]});
  map.addLayer(cluster);
  refresh();
})();
"""
