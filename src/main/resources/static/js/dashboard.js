// Draws the dashboard's charts from GET /api/dashboard with the page's own filter. The page's tables carry the same
// figures for readers without scripts; the charts sit above them.
(function () {
  'use strict';
  if (!window.echarts) {
    return;
  }
  var labels = JSON.parse(document.getElementById('dashboard-labels').textContent);
  var lang = document.documentElement.lang || 'en';
  var money = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var charts = [];

  function label(key, arg) {
    var text = labels[key] !== undefined ? labels[key] : key;
    return arg === undefined ? text : text.replace('{0}', arg);
  }

  function chart(id, option) {
    var element = document.getElementById(id);
    if (!element) {
      return;
    }
    element.setAttribute('data-rendered', 'true'); // shown before drawing, so that the chart has a size
    var existing = window.echarts.getInstanceByDom(element);
    var instance = existing || window.echarts.init(element, null, { renderer: 'svg' });
    option.animation = false; // figures, not a show: and a chart is complete as soon as it is drawn
    instance.setOption(option, true);
    if (!existing) {
      charts.push(instance);
    }
  }

  function amount(value) {
    return money.format(Number(value));
  }

  function draw(figures) {
    chart('chart-aging', {
      tooltip: { trigger: 'axis', valueFormatter: amount },
      grid: { left: 90, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: figures.aging.map(function (b) { return label('bucket.' + b.bucket); }) },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: figures.aging.map(function (b) { return Number(b.amount); }),
        itemStyle: { color: '#c0504d' } }]
    });
    chart('chart-collection', {
      tooltip: { trigger: 'axis' },
      legend: { data: [label('rate'), label('charged'), label('collected')] },
      grid: { left: 90, right: 50, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: figures.collectionRate.map(function (m) { return m.month; }) },
      yAxis: [{ type: 'value' }, { type: 'value', min: 0, axisLabel: { formatter: '{value} %' } }],
      series: [
        { name: label('charged'), type: 'bar', data: figures.collectionRate.map(function (m) { return Number(m.charged); }),
          itemStyle: { color: '#c9d3e0' } },
        { name: label('collected'), type: 'bar', data: figures.collectionRate.map(function (m) { return Number(m.collected); }),
          itemStyle: { color: '#8fb08f' } },
        { name: label('rate'), type: 'line', yAxisIndex: 1, connectNulls: false,
          data: figures.collectionRate.map(function (m) { return m.rate === null ? null : Math.round(m.rate * 1000) / 10; }) }
      ]
    });
    chart('chart-cases', {
      tooltip: { trigger: 'item' },
      series: [{ type: 'funnel', sort: 'none', left: '10%', width: '80%', minSize: '10%', gap: 2,
        label: { formatter: '{b}: {c}' },
        data: figures.casesByStage.map(function (s) { return { name: label('stage.' + s.stage), value: s.open + s.suspended }; }) }]
    });
    chart('chart-promises', {
      tooltip: { trigger: 'axis' },
      legend: { data: [label('kept'), label('due')] },
      grid: { left: 50, right: 16, top: 36, bottom: 32 },
      xAxis: { type: 'category', data: figures.promises.map(function (p) { return label('days', p.days); }) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: label('due'), type: 'bar', data: figures.promises.map(function (p) { return p.due; }), itemStyle: { color: '#c9d3e0' } },
        { name: label('kept'), type: 'bar', data: figures.promises.map(function (p) { return p.kept; }), itemStyle: { color: '#8fb08f' } }
      ]
    });
    var channels = [];
    var results = [];
    figures.notices.forEach(function (n) {
      if (channels.indexOf(n.channel) < 0) { channels.push(n.channel); }
      if (results.indexOf(n.result) < 0) { results.push(n.result); }
    });
    chart('chart-notices', {
      tooltip: { trigger: 'axis' },
      legend: { data: results },
      grid: { left: 70, right: 16, top: 36, bottom: 32 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: channels },
      series: results.map(function (result) {
        return { name: result, type: 'bar', stack: 'notices', data: channels.map(function (channel) {
          var row = figures.notices.filter(function (n) { return n.channel === channel && n.result === result; })[0];
          return row ? row.count : 0;
        }) };
      })
    });
    chart('chart-workload', {
      tooltip: { trigger: 'axis' },
      grid: { left: 140, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: figures.workload.map(function (w) {
        return w.assignee !== null ? w.assignee : label('unclaimed', w.lane); }) },
      series: [{ name: label('tasks'), type: 'bar', data: figures.workload.map(function (w) { return w.open; }),
        itemStyle: { color: '#5b7fa6' } }]
    });
  }

  fetch('/api/dashboard' + window.location.search, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then(function (response) {
      if (!response.ok) { throw new Error('dashboard figures: HTTP ' + response.status); }
      return response.json();
    })
    .then(draw)
    .catch(function (error) { console.error(error); });

  window.addEventListener('resize', function () { charts.forEach(function (c) { c.resize(); }); });
})();
