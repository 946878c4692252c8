/* The industry map page: register the drawn boundaries as an ECharts map, draw the option the server built
   (reports/map_charts.py), open a firm, park or district on click, pick a point for the place form, and
   download the map as PNG or SVG. No build step. */
(function () {
  "use strict";

  var esc = window.ChainAtlas.esc;  // static/escape.js

  function json(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function number(value) {
    return Number(value).toLocaleString(document.documentElement.lang || "zh-CN", { maximumFractionDigits: 1 });
  }

  function prepare(option, firms) {
    option.series.forEach(function (s) {
      if (s.type === "scatter" || s.type === "effectScatter") {
        s.symbolSize = function (value) { return Array.isArray(value) ? value[2] : 8; };
      }
    });
    option.tooltip.formatter = function (p) {
      if (p.seriesType === "map") {
        return esc(p.name) + (p.value == null || isNaN(p.value) ? "" : ": " + number(p.value));
      }
      if (p.seriesType === "lines") {
        return esc(p.data.name) + (p.data.value == null ? "" : ": " + number(p.data.value));
      }
      var firm = Array.isArray(p.value) && p.data && !p.data.name ? firms[p.value[3]] : null;
      if (firm) { return esc(firm.name) + "<br>" + esc(firm.placement); }
      return esc(p.name || "") + (p.data && p.data.value ? " · " + number(p.data.value[3] || p.data.value[2]) : "");
    };
    return option;
  }

  function download(name, href) {
    var link = document.createElement("a");
    link.href = href;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function downloadSvg(element, option) {
    var box = document.createElement("div");
    box.style.cssText = "position:absolute;left:-10000px;top:0;width:" + element.clientWidth + "px;height:" + element.clientHeight + "px";
    document.body.appendChild(box);
    var svg = echarts.init(box, null, { renderer: "svg", width: element.clientWidth, height: element.clientHeight });
    svg.setOption(Object.assign({}, option, { animation: false }));
    var text = svg.renderToSVGString();
    svg.dispose();
    box.remove();
    download("map.svg", URL.createObjectURL(new Blob([text], { type: "image/svg+xml" })));
  }

  function opened(p, firms) {
    if (p.seriesType === "map") { return "/enterprises?district=" + encodeURIComponent(p.name); }
    if (p.seriesType === "scatter" && Array.isArray(p.value) && !p.data.name && firms[p.value[3]]) {
      return "/enterprises/" + encodeURIComponent(firms[p.value[3]].id);
    }
    if (p.data && p.data.kind === "park") { return "/records/organisations/" + encodeURIComponent(p.data.key); }
    if (p.data && p.data.kind === "district") { return "/enterprises?district=" + encodeURIComponent(p.data.name); }
    return null;
  }

  function wirePicking(element, chart) {
    var button = document.querySelector("[data-map-pick]");
    var form = document.getElementById("place-form");
    if (!button || !form) { return; }
    var picking = false;
    button.addEventListener("click", function () {
      picking = true;
      element.classList.add("picking");
      element.setAttribute("title", element.dataset.picking);
    });
    chart.getZr().on("click", function (event) {
      if (!picking) { return; }
      var point = chart.convertFromPixel({ geoIndex: 0 }, [event.offsetX, event.offsetY]);
      if (!point) { return; }
      form.querySelector("[name=longitude]").value = point[0].toFixed(5);
      form.querySelector("[name=latitude]").value = point[1].toFixed(5);
      picking = false;
      element.classList.remove("picking");
    });
    return function () { return picking; };
  }

  function draw() {
    var element = document.getElementById("industry-map");
    var option = json("map-option");
    var regions = json("map-regions");
    var firms = json("map-firms") || [];
    if (!element || !option || !regions || typeof echarts === "undefined") { return; }
    echarts.registerMap(element.dataset.mapName, regions);
    option = prepare(option, firms);
    var chart = echarts.init(element, null, { renderer: "canvas" });
    chart.on("finished", function () { element.dataset.drawn = "true"; });
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
    var isPicking = wirePicking(element, chart) || function () { return false; };
    chart.on("click", function (p) {
      if (isPicking()) { return; }
      var href = opened(p, firms);
      if (href) { window.location.href = href; }
    });
    document.querySelectorAll("[data-map-download]").forEach(function (button) {
      button.addEventListener("click", function () {
        if (button.dataset.mapDownload === "png") {
          download("map.png", chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#fff" }));
        } else {
          downloadSvg(element, option);
        }
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
}());
