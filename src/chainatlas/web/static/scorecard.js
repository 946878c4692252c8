/* The scorecard's charts: per target the actual series, the trend with its 80% band, and the target point.
   Data come from the JSON each card embeds; no build step. */
(function () {
  "use strict";

  var esc = window.ChainAtlas.esc;  // static/escape.js

  function number(value) {
    return Number(value).toLocaleString(document.documentElement.lang || "zh-CN", { maximumFractionDigits: 2 });
  }

  function gaps(values) {
    return values.map(function (v) { return v === null ? "-" : v; });
  }

  function tooltip(d) {
    var unit = d.unit ? " " + esc(d.unit) : "";
    return function (params) {
      var i = params[0].dataIndex;
      var lines = ["<b>" + esc(d.x[i]) + "</b>"];
      if (d.actual[i] !== null) { lines.push(esc(d.labels.actual) + ": " + esc(number(d.actual[i])) + unit); }
      if (d.trend[i] !== null) { lines.push(esc(d.labels.trend) + ": " + esc(number(d.trend[i])) + unit); }
      if (d.low[i] !== null && d.band[i] !== null) {
        lines.push(esc(d.labels.band) + ": " + esc(number(d.low[i])) + " – " + esc(number(d.low[i] + d.band[i])));
      }
      if (d.target && d.target[0] === d.x[i]) { lines.push(esc(d.labels.target) + ": " + esc(number(d.target[1])) + unit); }
      return lines.join("<br>");
    };
  }

  function option(d) {
    var series = [
      { name: d.labels.band, type: "line", data: gaps(d.low), stack: "band", symbol: "none", silent: true,
        lineStyle: { opacity: 0 }, tooltip: { show: false } },
      { name: d.labels.band, type: "line", data: gaps(d.band), stack: "band", symbol: "none", silent: true,
        lineStyle: { opacity: 0 }, areaStyle: { color: "rgba(31, 111, 235, 0.16)" } },
      { name: d.labels.trend, type: "line", data: gaps(d.trend), symbol: "none",
        lineStyle: { type: "dashed", width: 2, color: "#5b8def" }, itemStyle: { color: "#5b8def" } },
      { name: d.labels.actual, type: "line", data: gaps(d.actual), symbolSize: 7,
        lineStyle: { width: 3, color: "#1f3a5f" }, itemStyle: { color: "#1f3a5f" } }
    ];
    if (d.target) {
      series.push({ name: d.labels.target, type: "scatter", data: [d.target], symbol: "diamond", symbolSize: 16,
        itemStyle: { color: "#c0392b" }, label: { show: true, position: "top", formatter: function () { return number(d.target[1]); } } });
    }
    return {
      grid: { left: 64, right: 24, top: 40, bottom: 32 },
      legend: { top: 0, data: [d.labels.actual, d.labels.trend, d.labels.band, d.labels.target] },
      tooltip: { trigger: "axis", formatter: tooltip(d) },
      xAxis: { type: "category", data: d.x, boundaryGap: false },
      yAxis: { type: "value", name: d.unit, scale: true, splitLine: { lineStyle: { color: "#e8ecf2" } } },
      series: series
    };
  }

  function draw(element) {
    var source = document.getElementById(element.dataset.source);
    if (!source || typeof echarts === "undefined") { return; }
    var chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(option(JSON.parse(source.textContent)));
    element.dataset.drawn = "true";
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-scorecard-chart]").forEach(draw);
  });
})();
