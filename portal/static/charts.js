// Draws every chart of a page from its options, which the server wrote as
// JSON into <script type="application/json" id="..."> (never executed); the
// element <div data-chart="ID"> shows it. No inline script, no eval: the
// page's Content-Security-Policy allows scripts from this server only.
// Without JavaScript the tables under each chart carry the same figures.
(function () {
  'use strict';
  if (!window.echarts) {
    return;
  }
  var vi = document.documentElement.lang === 'vi';
  var nf = new Intl.NumberFormat(vi ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 });
  function fmt(v) {
    if (v === null || v === undefined || v === '-' || v === '' || isNaN(v)) {
      return '—';
    }
    return nf.format(v);
  }
  // Numbers are written the page's way (66,45 in Vietnamese): value axes
  // and tooltips get a formatter unless the options name one.
  function localise(opt) {
    ['xAxis', 'yAxis'].forEach(function (k) {
      [].concat(opt[k] || []).forEach(function (ax) {
        if (ax && ax.type === 'value') {
          ax.axisLabel = ax.axisLabel || {};
          if (!ax.axisLabel.formatter) {
            ax.axisLabel.formatter = fmt;
          }
        }
      });
    });
    if (opt.tooltip && !opt.tooltip.valueFormatter) {
      opt.tooltip.valueFormatter = fmt;
    }
    return opt;
  }
  var drawn = [];
  function draw(el) {
    var src = document.getElementById(el.getAttribute('data-chart'));
    if (!src) {
      return;
    }
    var chart = echarts.init(el, null, { renderer: 'canvas', locale: vi ? 'VI' : 'EN' });
    chart.setOption(localise(JSON.parse(src.textContent)));
    el.classList.add('drawn');
    drawn.push(chart);
  }
  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-chart]'), draw);
    var pending = 0;
    window.addEventListener('resize', function () {
      clearTimeout(pending);
      pending = setTimeout(function () {
        drawn.forEach(function (c) { c.resize(); });
      }, 100);
    });
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
