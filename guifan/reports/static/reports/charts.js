/* Draws each statistic's chart with ECharts from the JSON the page carries (json_script):
   no inline script, so the strict CSP holds. The table under each chart has the same data. */
(function () {
  "use strict";

  function number(value) {
    return typeof value === "number" ? value : null;
  }

  // Long labels (problem categories) read better along bars laid sideways.
  function sideways(data) {
    return data.kind !== "line" && data.categories.some(function (c) { return c.length > 6; });
  }

  function option(data) {
    var stacked = data.kind === "stack";
    var many = data.categories.length > 6;
    var categories = sideways(data)
      ? { type: "category", data: data.categories, inverse: true, axisLabel: { interval: 0 } }
      : {
        type: "category",
        data: data.categories,
        axisLabel: { interval: 0, rotate: many ? 30 : 0 }
      };
    var values = { type: "value", minInterval: 1 };
    return {
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0, type: "scroll" },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: sideways(data) ? values : categories,
      yAxis: sideways(data) ? categories : values,
      series: data.series.map(function (series) {
        return {
          name: series.name,
          type: data.kind === "line" ? "line" : "bar",
          stack: stacked ? "total" : undefined,
          barMaxWidth: 48,
          data: series.data.map(number)
        };
      })
    };
  }

  function draw() {
    if (!window.echarts) {
      return;
    }
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (element) {
      var source = document.getElementById(element.getAttribute("data-chart"));
      if (!source) {
        return;
      }
      var chart = window.echarts.init(element, null, { renderer: "canvas" });
      chart.setOption(option(JSON.parse(source.textContent)));
      charts.push(chart);
    });
    window.addEventListener("resize", function () {
      charts.forEach(function (chart) { chart.resize(); });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
