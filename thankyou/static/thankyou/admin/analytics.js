/* The analytics dashboard's chart (Chart.js); drawn again when filters refresh the results. */
(function () {
  "use strict";
  var colours = ["#2e1f5e", "#007d7e", "#cd4444", "#e9b04d", "#1d7bc5", "#72a23f", "#7b5cb3"];
  var chart = null;

  function draw() {
    var canvas = document.getElementById("ty-chart");
    var source = document.getElementById("ty-chart-data");
    if (!canvas || !source || !window.Chart) return;
    var data = JSON.parse(source.textContent);
    if (chart) chart.destroy();
    chart = new window.Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (series, index) {
          return {
            label: series.label,
            data: series.data,
            borderColor: colours[index % colours.length],
            backgroundColor: colours[index % colours.length],
            tension: 0.2,
            hidden: series.metric !== "view" && series.data.every(function (n) { return !n; })
          };
        })
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", draw);
  document.addEventListener("w-swap:success", draw);
})();
