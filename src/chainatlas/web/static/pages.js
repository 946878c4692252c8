/* Chain Atlas pages: draw the ECharts charts from the JSON each page embeds, load the chain node panel,
   show chosen file names, submit filter forms on change. No build step. */
(function () {
  "use strict";

  var esc = window.ChainAtlas.esc;  // static/escape.js

  function number(value) {
    return Number(value).toLocaleString(document.documentElement.lang || "zh-CN", { maximumFractionDigits: 2 });
  }

  function lineOption(d) {
    return {
      color: ["#1f6feb"],
      grid: { left: 64, right: 28, top: 44, bottom: 36 },
      tooltip: { trigger: "axis", valueFormatter: function (v) { return number(v) + " " + d.unit; } },
      xAxis: { type: "category", data: d.x, boundaryGap: false, axisTick: { alignWithLabel: true } },
      yAxis: { type: "value", name: d.unit, scale: true, splitLine: { lineStyle: { color: "#e8ecf2" } } },
      series: [{
        name: d.name, type: "line", data: d.y, symbolSize: 8, lineStyle: { width: 3 },
        areaStyle: { opacity: 0.08 }, label: { show: d.x.length <= 12, position: "top", formatter: function (p) { return number(p.value); } }
      }]
    };
  }

  function treeOption(d) {
    return {
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          if (!p.data.code) { return esc(p.data.name); }
          return "<b>" + esc(p.data.name) + "</b><br>" + esc(p.data.label_counts) + "<br>" + esc(d.measure) + " " + esc(p.data.shown);
        }
      },
      series: [{
        type: "tree", data: [d], orient: "LR", left: 110, right: 290, top: 16, bottom: 16,
        initialTreeDepth: 2, expandAndCollapse: true, roam: true, symbol: "circle", symbolSize: 12,
        itemStyle: { color: "#1f3a5f", borderColor: "#1f3a5f" },
        lineStyle: { color: "#c3ccd8", width: 1.2 },
        label: {
          position: "left", verticalAlign: "middle", align: "right", fontSize: 13,
          formatter: function (p) {
            if (!p.data.code) { return p.data.name; }
            return p.data.name + " {n|" + p.data.value[0] + "/" + (p.data.value[0] + p.data.value[1]) + "}";
          },
          rich: { n: { color: "#6b7280", fontSize: 11 } }
        },
        leaves: { label: { position: "right", align: "left" } },
        emphasis: { focus: "descendant" }, animationDuration: 300, animationDurationUpdate: 400
      }]
    };
  }

  function graphOption(d) {
    var max = 1;
    d.nodes.forEach(function (n) { max = Math.max(max, n.value); });
    var nodes = d.nodes.map(function (n) {
      if (n.category === 0) {
        return Object.assign({}, n, { symbolSize: 48, label: { show: true, position: "bottom", fontWeight: "bold", fontSize: 13 } });
      }
      return Object.assign({}, n, { symbolSize: 12 + 26 * Math.sqrt(n.value / max), label: { show: n.value >= max * 0.3 } });
    });
    return {
      color: ["#1f3a5f", "#2e8b57", "#d97706"],
      tooltip: { formatter: function (p) { return p.dataType === "node" ? esc(p.data.name) : ""; } },
      legend: [{ data: d.categories.map(function (c) { return c.name; }), top: 0 }],
      series: [{
        type: "graph", layout: "force", roam: true, draggable: true, data: nodes, links: d.links,
        top: 48, bottom: 28, categories: d.categories, edgeSymbol: ["none", "arrow"], edgeSymbolSize: 6,
        force: { repulsion: 240, edgeLength: [60, 150], gravity: 0.22, layoutAnimation: false },
        lineStyle: { color: "source", opacity: 0.45, curveness: 0.12 },
        label: { position: "right", fontSize: 11 }, emphasis: { focus: "adjacency" }
      }]
    };
  }

  function medianLines(d) {
    var lines = [{ xAxis: d.x_median }];
    if (d.y_median > 0) { lines.push({ yAxis: d.y_median }); }
    return { silent: true, symbol: "none", label: { show: false }, lineStyle: { type: "dashed", color: "#98a2b3", width: 1.2 }, data: lines };
  }

  function scatterOption(d) {
    var corner = function (text, pos) {
      return Object.assign({ type: "text", z: 0, style: { text: text, fill: "#98a2b3", font: "600 13px sans-serif" } }, pos);
    };
    var series = d.series.map(function (s, i) {
      return {
        name: s.name, type: "scatter", color: s.color, data: s.points, clip: false,
        symbolSize: function (v, p) { return p.data.size; },
        itemStyle: { opacity: 0.72, borderColor: "#fff", borderWidth: 1 },
        label: { show: true, position: "right", fontSize: 11, color: "#344054",
                 formatter: function (p) { return p.data.label ? p.data.name : ""; } },
        labelLayout: { hideOverlap: true },
        emphasis: { focus: "self", label: { show: true, formatter: function (p) { return p.data.name; } } },
        markLine: i === 0 ? medianLines(d) : undefined
      };
    });
    return {
      grid: { left: 72, right: 150, top: 48, bottom: 56 },
      legend: { top: 0 },
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          var x = p.data;
          return "<b>#" + x.rank + " " + esc(x.name) + "</b> <span style=\"color:#667085\">" + esc(x.code) + "</span><br>" +
            esc(d.labels.gap) + ": " + esc(x.gap) + "<br>" + esc(d.labels.rate) + ": " + esc(x.rate) + "<br>" +
            esc(d.labels.feasibility) + ": " + esc(x.feasibility) + "<br>" +
            esc(d.labels.quadrant) + ": " + esc(x.quadrant);
        }
      },
      xAxis: { type: "value", name: d.x_name, nameLocation: "middle", nameGap: 30, min: 0, max: 1, interval: 0.2,
               splitLine: { lineStyle: { color: "#eef1f5" } } },
      yAxis: { type: "log", name: d.y_name, nameLocation: "end", logBase: 10,
               splitLine: { lineStyle: { color: "#eef1f5" } },
               axisLabel: { formatter: function (v) { return v >= 1 ? number(v) : String(Number(v.toPrecision(1))); } } },
      graphic: [corner(d.quadrants[0], { left: 84, top: 56 }), corner(d.quadrants[1], { right: 162, top: 56 }),
                corner(d.quadrants[2], { left: 84, bottom: 66 }), corner(d.quadrants[3], { right: 162, bottom: 66 })],
      series: series
    };
  }

  function barsOption(d) {
    return {
      color: ["#b0b7c3", "#2e8b57"],
      legend: { top: 0 },
      grid: { left: 8, right: 56, top: 36, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: function (v) { return Number(v).toFixed(1) + "%"; } },
      xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" }, splitLine: { lineStyle: { color: "#eef1f5" } } },
      yAxis: { type: "category", data: d.names, axisTick: { show: false } },
      series: d.series.map(function (s) {
        return { name: s.name, type: "bar", data: s.data, barGap: "10%", barMaxWidth: 18,
                 label: { show: true, position: "right", fontSize: 11,
                          formatter: function (p) { return Number(p.value).toFixed(1) + "%"; } } };
      })
    };
  }

  var OPTIONS = { line: lineOption, tree: treeOption, graph: graphOption, scatter: scatterOption, bars: barsOption };

  function loadPanel(panelId, code) {
    var panel = document.getElementById(panelId);
    if (!panel || !code) { return; }
    panel.setAttribute("aria-busy", "true");
    var query = panel.dataset.query ? "?" + panel.dataset.query : "";
    fetch("/chain/nodes/" + encodeURIComponent(code) + query, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { panel.innerHTML = html; })
      .catch(function () { panel.textContent = "—"; })
      .finally(function () { panel.removeAttribute("aria-busy"); });
  }

  function drawChart(element) {
    var source = document.getElementById(element.dataset.source);
    var build = OPTIONS[element.dataset.chart];
    if (!source || !build || typeof echarts === "undefined") { return; }
    var chart = echarts.init(element, null, { renderer: "canvas" });
    chart.setOption(build(JSON.parse(source.textContent)));
    window.addEventListener("resize", function () { chart.resize(); });
    chart.on("click", function (p) {
      if (element.dataset.chart === "tree" && p.data && p.data.code) { loadPanel(element.dataset.panel, p.data.code); }
      if ((element.dataset.chart === "graph" && p.dataType === "node" || element.dataset.chart === "scatter") && p.data && p.data.url) {
        window.location.href = p.data.url;
      }
    });
  }

  function wireNodeLinks(list) {
    list.addEventListener("click", function (event) {
      var link = event.target.closest("a.node-link");
      if (!link) { return; }
      event.preventDefault();
      list.querySelectorAll("a.node-link.current").forEach(function (a) { a.classList.remove("current"); });
      link.classList.add("current");
      loadPanel(list.dataset.panel, link.dataset.code);
    });
  }

  function wireFilePicker(input) {
    var shown = document.getElementById(input.dataset.names);
    input.addEventListener("change", function () {
      var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
      if (shown) { shown.textContent = names.length ? names.join(", ") : shown.dataset.empty; }
    });
  }


  /* The enterprise picker (macros.html enterprise_picker): suggestions from the name search as one types; the
     field submits ids. With data-multiple the last comma-separated part is the one searched and completed. */
  function pickerTerm(input) {
    var text = input.value;
    if (!input.hasAttribute("data-multiple")) { return { prefix: "", term: text.trim() }; }
    var cut = Math.max(text.lastIndexOf(","), text.lastIndexOf("\uFF0C"));
    var prefix = cut < 0 ? "" : text.slice(0, cut).replace(/\uFF0C/g, ",").replace(/\s+$/, "") + ", ";
    return { prefix: prefix, term: text.slice(cut + 1).trim() };
  }

  function pickerLabel(item) {
    return item.name_en ? item.name_zh + " · " + item.name_en : item.name_zh;
  }

  function pickedId(found, term) {
    if (!found || found.term !== term) { return null; }
    var lowered = term.toLowerCase();
    var exact = found.items.filter(function (e) {
      return [e.id, e.name_zh, e.name_en || ""].some(function (n) { return n.toLowerCase() === lowered; });
    });
    if (exact.length === 1) { return exact[0].id; }
    return found.items.length === 1 ? found.items[0].id : null;
  }

  function enterprisePicker(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var found = null;
    function fill(items, prefix) {
      list.textContent = "";
      items.forEach(function (item) {
        var option = document.createElement("option");
        option.value = prefix + item.id;
        option.textContent = pickerLabel(item);
        list.appendChild(option);
      });
    }
    function search() {
      var asked = pickerTerm(input);
      if (!asked.term || (found && found.term === asked.term)) { return; }
      var url = "/api/v1/enterprises?limit=20&q=" + encodeURIComponent(asked.term);
      var scope = input.getAttribute("data-scope");
      if (scope) { url += "&in_cluster=" + (scope === "cluster"); }
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
        .then(function (page) {
          if (pickerTerm(input).term !== asked.term) { return; }
          found = { term: asked.term, items: page.items };
          fill(page.items, asked.prefix);
          input.setAttribute("data-found", String(page.items.length));
        })
        .catch(function () { input.removeAttribute("data-found"); });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      input.removeAttribute("data-found");
      timer = setTimeout(search, 200);
    });
    if (input.form) {
      input.form.addEventListener("submit", function () {
        var typed = pickerTerm(input);
        var id = pickedId(found, typed.term);
        if (id) { input.value = typed.prefix + id; }
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-enterprise-picker]").forEach(enterprisePicker);
    document.querySelectorAll("input[type=file][data-names]").forEach(wireFilePicker);
    document.querySelectorAll("[data-chart]").forEach(drawChart);
    document.querySelectorAll("nav[data-panel]").forEach(wireNodeLinks);
    document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  });
})();
