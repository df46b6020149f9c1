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
  // The footer the server wrote for the PNG download (graphic element
  // "export-footer", invisible on screen): one line per note.
  function footerOf(opt) {
    var g = [].concat(opt.graphic || []).filter(function (e) { return e && e.id === 'export-footer'; })[0];
    return g ? g : null;
  }
  // wrap breaks a note into lines that fit width on ctx.
  function wrap(ctx, text, width) {
    var lines = [];
    var line = '';
    text.split(' ').forEach(function (w) {
      var next = line ? line + ' ' + w : w;
      if (line && ctx.measureText(next).width > width) {
        lines.push(line);
        line = w;
      } else {
        line = next;
      }
    });
    lines.push(line);
    return lines;
  }
  // savePNG replaces ECharts' own saveAsImage: the image is the chart as
  // drawn (title, source line), without the toolbox, then the footer's
  // notes and the page's address under it; the file is named as the server
  // named it (toolbox.feature.saveAsImage.name), never "echarts".
  function savePNG(chart, opt, name) {
    var ratio = 2;
    var img = new Image();
    img.onload = function () {
      var foot = footerOf(opt);
      var size = ((foot && foot.style.fontSize) || 11) * ratio;
      var lh = ((foot && foot.style.lineHeight) || 16) * ratio;
      var pad = 16 * ratio;
      var canvas = document.createElement('canvas');
      var ctx = canvas.getContext('2d');
      var font = size + 'px system-ui, sans-serif';
      ctx.font = font;
      var notes = (foot ? foot.style.text.split('\n') : []).concat([location.href]);
      var lines = [];
      notes.forEach(function (n) { lines = lines.concat(wrap(ctx, n, img.width - 2 * pad)); });
      canvas.width = img.width;
      canvas.height = img.height + lines.length * lh + pad;
      ctx = canvas.getContext('2d'); // a resized canvas forgets its state
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(img, 0, 0);
      ctx.font = font;
      ctx.fillStyle = (foot && foot.style.fill) || '#57606a';
      ctx.textBaseline = 'top';
      lines.forEach(function (l, i) { ctx.fillText(l, pad, img.height + i * lh); });
      var a = document.createElement('a');
      a.download = name + '.png';
      a.href = canvas.toDataURL('image/png');
      document.body.appendChild(a);
      a.click();
      a.remove();
    };
    img.src = chart.getDataURL({ type: 'png', pixelRatio: ratio, backgroundColor: '#ffffff', excludeComponents: ['toolbox'] });
  }
  function withSavePNG(chart, opt) {
    var f = opt.toolbox && opt.toolbox.feature;
    var s = f && f.saveAsImage;
    if (!s) {
      return opt;
    }
    delete f.saveAsImage;
    f.myPNG = {
      show: true,
      title: s.title,
      icon: 'path://M4.7,22.9L29.3,45.5L54.7,23.4M4.6,43.6L4.6,58L53.8,58L53.8,43.6M29.2,45.1L29.2,0',
      onclick: function () { savePNG(chart, opt, s.name || 'bieu-do'); }
    };
    return opt;
  }
  var drawn = [];
  function draw(el) {
    var src = document.getElementById(el.getAttribute('data-chart'));
    if (!src) {
      return;
    }
    var chart = echarts.init(el, null, { renderer: 'canvas', locale: vi ? 'VI' : 'EN' });
    // "drawn" once the first rendering, animation included, has finished:
    // what a reader (or a test) sees from then on is the whole chart.
    var first = function () {
      chart.off('finished', first);
      el.classList.add('drawn');
    };
    chart.on('finished', first);
    chart.setOption(withSavePNG(chart, localise(JSON.parse(src.textContent))));
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
