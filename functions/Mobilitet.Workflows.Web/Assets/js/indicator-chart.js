// Mobilitet.Workflows: draws the agreement page's indicator charts with Chart.js from the numbers in the
// element's data-indicators attribute (the same numbers as the table below them, which stays the source
// for anyone without the chart). Loaded with `defer` after chart.umd.min.js; no inline script (CSP).
'use strict';
(function () {
  var panel = document.querySelector('[data-indicators]');
  if (!panel || typeof window.Chart !== 'function') {
    return;
  }

  var data = JSON.parse(panel.getAttribute('data-indicators'));
  var percent = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 1 });
  var kroner = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 });

  function draw(canvasId, measured, limit, measuredLabel, limitLabel, format) {
    var canvas = document.getElementById(canvasId);
    if (!canvas) {
      return;
    }

    new window.Chart(canvas, {
      type: 'line',
      data: {
        labels: data.labels,
        datasets: [
          { label: measuredLabel, data: measured, borderColor: '#0059b3', backgroundColor: '#0059b3', pointRadius: 5, spanGaps: false },
          { label: limitLabel, data: limit, borderColor: '#b51d09', backgroundColor: '#b51d09', borderDash: [6, 4], pointStyle: 'rectRot', pointRadius: 5, spanGaps: false }
        ]
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, ticks: { callback: function (value) { return format(value); } } } },
        plugins: {
          legend: { position: 'bottom', labels: { usePointStyle: true } },
          tooltip: { callbacks: { label: function (item) { return item.dataset.label + ': ' + format(item.parsed.y); } } }
        }
      }
    });
  }

  draw('chart-self-sufficiency', data.selfSufficiency, data.selfSufficiencyMinimum, 'Selvforsørgelsesgrad', 'Mindstekrav',
    function (value) { return percent.format(value) + ' %'; });
  draw('chart-resource-draw', data.resourceDraw, data.resourceDrawMaximum, 'Ressourcetræk', 'Højst tilladt',
    function (value) { return kroner.format(value) + ' kr.'; });
})();
