// Mobilitet.Workflows: draws the effect page's charts with Chart.js from the numbers in each section's
// data-effect-chart attribute (the same numbers as the tables below them, which stay the source for anyone without
// the charts; a suppressed number is null and not drawn). Loaded with `defer` after chart.umd.min.js; no inline script (CSP).
'use strict';
(function () {
  if (typeof window.Chart !== 'function') {
    return;
  }

  var percent = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 1 });
  var kroner = new Intl.NumberFormat('da-DK', { maximumFractionDigits: 0 });
  var colours = ['#0059b3', '#008139', '#b51d09'];
  var charts = {
    netContribution: function (value) { return kroner.format(value) + ' kr.'; },
    onTrack: function (value) { return percent.format(value) + ' %'; }
  };

  document.querySelectorAll('[data-effect-chart]').forEach(function (panel) {
    var data = JSON.parse(panel.getAttribute('data-effect-chart'));
    panel.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      var name = canvas.getAttribute('data-chart');
      var format = charts[name];
      if (!format) {
        return;
      }

      new window.Chart(canvas, {
        type: 'bar',
        data: {
          labels: data.labels,
          datasets: data.milestones.map(function (milestone, index) {
            return { label: milestone, data: data[name][index], backgroundColor: colours[index % colours.length] };
          })
        },
        options: {
          animation: false,
          maintainAspectRatio: false,
          scales: { y: { beginAtZero: true, ticks: { callback: function (value) { return format(value); } } } },
          plugins: {
            legend: { position: 'bottom' },
            tooltip: { callbacks: { label: function (item) { return item.dataset.label + ': ' + (item.parsed.y === null ? '<5 eller ingen data' : format(item.parsed.y)); } } }
          }
        }
      });
    });
  });
})();
