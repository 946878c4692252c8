/* Chain Atlas Gantt charts (key projects): planned against actual, drawn with an ECharts custom series
   from the JSON each page embeds next to a [data-gantt] element. In each row the plan sits in the upper
   half and what happened in the lower half; a bar whose start equals its end is drawn as a diamond. */
(function () {
  "use strict";

  var DAY = 86400000;

  var esc = window.ChainAtlas.esc;  // static/escape.js

  function time(day) { return Date.parse(day + "T00:00:00Z"); }

  function renderItem(params, api) {
    var row = api.value(0), half = api.value(3);
    var start = api.coord([api.value(1), row]), end = api.coord([api.value(2), row]);
    var band = api.size([0, 1])[1], height = band * 0.28;
    var y = start[1] + half * band * 0.17;
    var style = api.style();
    if (api.value(2) - api.value(1) < DAY / 2) {
      var r = height * 0.6;
      var hollow = half < 0;
      return { type: "polygon", shape: { points: [[start[0], y - r], [start[0] + r, y], [start[0], y + r], [start[0] - r, y]] },
               style: { fill: hollow ? "#fff" : style.fill, stroke: hollow ? style.fill : "#fff", lineWidth: 1.5 }, z2: 10 };
    }
    var box = params.coordSys;
    var rect = echarts.graphic.clipRectByRect(
      { x: start[0], y: y - height / 2, width: Math.max(end[0] - start[0], 1), height: height },
      { x: box.x, y: box.y, width: box.width, height: box.height });
    return rect && { type: "rect", shape: rect, style: { fill: style.fill, opacity: half < 0 ? 0.55 : 0.95 } };
  }

  function option(d) {
    var data = d.items.map(function (item) {
      return { value: [item.row, time(item.start), time(item.end), item.half], name: item.name,
               itemStyle: { color: item.colour }, start: item.start, end: item.end };
    });
    return {
      animation: false,
      grid: { left: 12, right: 28, top: 34, bottom: 30, containLabel: true },
      tooltip: { formatter: function (p) {
        var s = p.data.start === p.data.end ? p.data.start : p.data.start + " → " + p.data.end;
        return esc(d.rows[p.value[0]]) + "<br>" + esc(p.data.name) + ": " + esc(s);
      } },
      xAxis: { type: "time", position: "top", splitLine: { show: true, lineStyle: { color: "#eef1f5" } } },
      yAxis: { type: "category", data: d.rows, inverse: true, axisTick: { show: false },
               axisLabel: { width: 220, overflow: "truncate" } },
      series: [{
        type: "custom", renderItem: renderItem, encode: { x: [1, 2], y: 0 }, data: data,
        markLine: d.as_of ? { symbol: "none", silent: true, lineStyle: { color: "#344054", type: "dashed" },
                              label: { formatter: d.as_of_label + " " + d.as_of },
                              data: [{ xAxis: time(d.as_of) }] } : undefined
      }]
    };
  }

  function draw(element) {
    var source = document.getElementById(element.dataset.gantt);
    if (!source || typeof echarts === "undefined") { return; }
    var d = JSON.parse(source.textContent);
    var chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(option(d));
    window.addEventListener("resize", function () { chart.resize(); });
    chart.on("click", function (p) {
      var link = d.links[p.value ? p.value[0] : -1];
      if (link) { window.location.href = link; }
    });
    element.dataset.drawn = String(d.items.length);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-gantt]").forEach(draw);
  });
})();
