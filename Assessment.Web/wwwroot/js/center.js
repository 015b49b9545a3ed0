// Radar charts of the center page: each [data-radar] element names the JSON block (same numbers as the table
// beside it) with the dimensions (max = weight) and the series: the center, the province mean, the maximum.
(() => {
  'use strict';
  const styles = [
    { color: '#9f1c1c', type: 'solid', width: 3, area: 0.18, symbol: 'circle' },
    { color: '#0b3d91', type: 'dashed', width: 2, area: 0, symbol: 'rect' },
    { color: '#767676', type: 'dotted', width: 1.5, area: 0, symbol: 'none' },
  ];

  const format = (value) => Number(value).toFixed(2);

  function render(element) {
    const source = document.getElementById(element.dataset.radar);
    if (!source || typeof echarts === 'undefined') {
      return;
    }

    const data = JSON.parse(source.textContent);
    const chart = echarts.init(element, null, { renderer: 'svg' });
    const narrow = element.clientWidth < 420;
    chart.setOption({
      animation: false,
      legend: { top: 0, itemGap: 12, textStyle: { fontSize: 13 } },
      tooltip: {
        trigger: 'item',
        confine: true,
        formatter: (params) => params.name + '<br>' + data.indicators
          .map((indicator, i) => `${indicator.name}：${format(params.value[i])} / ${format(indicator.max)}`)
          .join('<br>'),
      },
      radar: {
        center: ['50%', '56%'],
        radius: narrow ? '58%' : '66%',
        indicator: data.indicators.map((d) => ({ name: d.name, max: d.max })),
        axisName: { color: '#111', fontSize: narrow ? 12 : 14 },
        splitArea: { areaStyle: { color: ['#fff', '#f3f3f3'] } },
        splitLine: { lineStyle: { color: '#c8c8c8' } },
        axisLine: { lineStyle: { color: '#c8c8c8' } },
      },
      series: [{
        type: 'radar',
        data: data.series.map((series, i) => {
          const style = styles[i] ?? styles[styles.length - 1];
          return {
            name: series.name,
            value: series.values,
            symbol: style.symbol,
            symbolSize: 6,
            lineStyle: { color: style.color, type: style.type, width: style.width },
            itemStyle: { color: style.color },
            areaStyle: style.area > 0 ? { color: style.color, opacity: style.area } : undefined,
          };
        }),
      }],
    });
    new ResizeObserver(() => chart.resize()).observe(element);
  }

  function start() {
    document.querySelectorAll('[data-radar]').forEach(render);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
