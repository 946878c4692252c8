/* Resilience charts: the TTR-vs-TTS scatter and the supply graph (data from <script type="application/json">). */
(function () {
  "use strict";

  var esc = window.ChainAtlas.esc;  // static/escape.js

  function scatterOption(d) {
    return {
      grid: { left: 64, right: 40, top: 48, bottom: 56 },
      legend: { top: 0 },
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          var x = p.data;
          return "<b>" + esc(x.name) + "</b> <span style=\"color:#667085\">" + esc(x.id) + "</span><br>" +
            esc(d.x_name) + ": " + esc(x.value[0]) + "<br>" + esc(d.y_name) + ": " + esc(x.value[1]) + "<br>" +
            esc(d.exposure_label) + ": " + esc(x.exposure);
        }
      },
      xAxis: { type: "value", name: d.x_name, nameLocation: "middle", nameGap: 30, min: 0, max: d.max },
      yAxis: { type: "value", name: d.y_name, nameLocation: "end", min: 0, max: d.max },
      series: d.series.map(function (s, i) {
        return {
          name: s.name, type: "scatter", color: s.color, data: s.points, symbolSize: 9,
          itemStyle: { opacity: 0.75, borderColor: "#fff", borderWidth: 1 },
          label: { show: true, position: "right", fontSize: 11, formatter: function (p) { return p.data.label ? p.data.name : ""; } },
          labelLayout: { hideOverlap: true },
          markLine: i === 0 ? { silent: true, symbol: "none", lineStyle: { type: "dashed", color: "#98a2b3" },
                                data: [[{ coord: [0, 0] }, { coord: [d.max, d.max] }]] } : undefined
        };
      })
    };
  }

  function graphOption(d) {
    var nodes = d.nodes.map(function (n) {
      return Object.assign({}, n, {
        symbolSize: n.center ? 30 : (n.demand ? 18 : 12),
        label: { show: n.center || d.nodes.length <= 30 },
        itemStyle: n.center ? { borderColor: "#1f3a5f", borderWidth: 3 } : undefined
      });
    });
    return {
      color: d.colors,
      tooltip: { formatter: function (p) { return p.dataType === "node" ? esc(p.data.name) : ""; } },
      legend: [{ data: d.categories.map(function (c) { return c.name; }), top: 0 }],
      series: [{
        type: "graph", layout: "force", roam: true, draggable: true, data: nodes, links: d.links,
        top: 40, bottom: 20, categories: d.categories, edgeSymbol: ["none", "arrow"], edgeSymbolSize: 6,
        force: { repulsion: 180, edgeLength: [50, 120], gravity: 0.2, layoutAnimation: false },
        lineStyle: { color: "source", opacity: 0.5 }, label: { position: "right", fontSize: 11 },
        emphasis: { focus: "adjacency" }
      }]
    };
  }

  var OPTIONS = { scatter: scatterOption, graph: graphOption };

  function draw(element) {
    var source = document.getElementById(element.dataset.source);
    var build = OPTIONS[element.dataset.resChart];
    if (!source || !build || typeof echarts === "undefined") { return; }
    var chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(build(JSON.parse(source.textContent)));
    element.dataset.drawn = "true";
    window.addEventListener("resize", function () { chart.resize(); });
    chart.on("click", function (p) {
      if (p.data && p.data.url && (p.dataType === "node" || element.dataset.resChart === "scatter")) {
        window.location.href = p.data.url;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-res-chart]").forEach(draw);
  });
})();
