// Charts of a cycle's results (ECharts, SVG renderer). The data is the JSON block the server wrote next to the
// tables showing the same numbers (#cycle-results-data); the tables stay the source a reader can rely on.
(() => {
  'use strict';
  const dataBlock = document.getElementById('cycle-results-data');
  if (!dataBlock || typeof echarts === 'undefined') return;
  const data = JSON.parse(dataBlock.textContent);
  const labelBlock = document.getElementById('cycle-results-labels');
  const t = labelBlock ? JSON.parse(labelBlock.textContent) : {};
  const text = (key, fallback, ...args) => (t[key] || fallback).replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));
  const ink = '#111', muted = '#444', accent = '#9f1c1c', blue = '#1d4ed8', grey = '#8a8a8a';
  const fmt = (v) => (v === null || v === undefined ? '—' : Number(v).toFixed(2));
  const charts = [];
  const base = { animation: false, textStyle: { color: ink, fontFamily: 'system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif' } };

  function mount(kind, option) {
    const el = document.querySelector(`[data-chart="${kind}"]`);
    if (!el) return null;
    const chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption({ ...base, ...option });
    charts.push(chart);
    return chart;
  }

  // On a phone the bar labels would overlap: the table beside the chart has the figures.
  const wide = (kind) => (document.querySelector(`[data-chart="${kind}"]`)?.clientWidth ?? 0) >= 520;

  // Totals by center against the demonstration line; demonstration centers in red and marked ★ (not by colour alone).
  mount('totals', {
    grid: { left: 48, right: 16, top: 28, bottom: 72 },
    tooltip: { trigger: 'axis', valueFormatter: fmt },
    xAxis: { type: 'category', data: data.centers.map((c) => (c.demonstration ? '★' : '') + c.name), axisLabel: { interval: 0, rotate: 40, color: ink } },
    yAxis: { type: 'value', min: (v) => Math.max(0, Math.floor((Math.min(v.min, data.threshold) - 10) / 10) * 10), max: 100, axisLabel: { color: muted } },
    series: [{
      type: 'bar',
      name: text('total', '总分'),
      data: data.centers.map((c) => ({ value: c.total, itemStyle: { color: c.demonstration ? accent : grey } })),
      label: { show: wide('totals'), position: 'top', formatter: (p) => fmt(p.value), color: ink, fontSize: 11 },
      markLine: {
        symbol: 'none',
        lineStyle: { color: blue, type: 'dashed', width: 2 },
        label: { formatter: `${text('threshold', '示范线')} ${fmt(data.threshold)}`, color: blue, position: 'insideEndTop' },
        data: [{ yAxis: data.threshold }],
      },
    }],
  });

  // A center's dimension profile against the province mean; each axis runs to the dimension's weight.
  const radarOption = (center) => ({
    legend: { bottom: 0, textStyle: { color: ink } },
    tooltip: {},
    radar: {
      radius: '62%',
      indicator: data.dimensions.map((d) => ({ name: d.name, max: d.weight })),
      axisName: { color: ink },
    },
    series: [{
      type: 'radar',
      data: [
        { name: center ? center.name : '', value: center ? center.scores : [], lineStyle: { color: accent, width: 2 }, itemStyle: { color: accent }, areaStyle: { color: 'rgba(159,28,28,.15)' } },
        { name: text('mean', '全省平均'), value: data.dimensions.map((d) => d.mean), lineStyle: { color: blue, type: 'dashed', width: 2 }, itemStyle: { color: blue } },
      ],
    }],
  });
  const findCenter = (id) => data.centers.find((c) => c.id === Number(id)) || data.centers[0];
  const radar = mount('radar', radarOption(findCenter(data.selected)));

  // Choosing a center redraws the radar and its table at once (the form still works without script).
  const select = document.querySelector('[data-radar-select]');
  if (select && radar) {
    const submit = document.querySelector('[data-radar-submit]');
    if (submit) submit.hidden = true;
    select.addEventListener('change', () => {
      const center = findCenter(select.value);
      radar.setOption(radarOption(center), true);
      const head = document.querySelector('[data-profile-name]');
      if (head) head.textContent = center.name;
      document.querySelectorAll('[data-profile-score]').forEach((cell) => {
        cell.textContent = fmt(center.scores[Number(cell.dataset.profileScore)]);
      });
      const el = document.querySelector('[data-chart="radar"]');
      const means = data.dimensions.map((d, i) => `${d.name} ${fmt(center.scores[i])}（${text('average', '平均')} ${fmt(d.mean)}）`).join('；');
      if (el) el.setAttribute('aria-label', text('radar', '{0}各维度得分与全省平均对比雷达图：{1}。', center.name, means));
    });
  }

  // Year over year: previous published cycle against this one, centers present in both.
  const both = data.centers.filter((c) => c.previous !== null && c.previous !== undefined);
  if (data.previousYear && both.length > 0) {
    mount('yoy', {
      grid: { left: 48, right: 16, top: 36, bottom: 72 },
      legend: { top: 0, textStyle: { color: ink } },
      tooltip: { trigger: 'axis', valueFormatter: fmt },
      xAxis: { type: 'category', data: both.map((c) => c.name), axisLabel: { interval: 0, rotate: 40, color: ink } },
      yAxis: { type: 'value', min: (v) => Math.max(0, Math.floor((v.min - 10) / 10) * 10), max: 100, axisLabel: { color: muted } },
      series: [
        { type: 'bar', name: text('year', '{0}年', data.previousYear), data: both.map((c) => c.previous), itemStyle: { color: grey }, barGap: '10%' },
        { type: 'bar', name: text('year', '{0}年', data.year), data: both.map((c) => c.total), itemStyle: { color: accent } },
      ],
    });
  }

  // Phones rotate and desks resize: redraw to the new width.
  if ('ResizeObserver' in window) {
    const observer = new ResizeObserver(() => charts.forEach((c) => c.resize()));
    charts.forEach((c) => observer.observe(c.getDom()));
  } else {
    window.addEventListener('resize', () => charts.forEach((c) => c.resize()));
  }
})();
