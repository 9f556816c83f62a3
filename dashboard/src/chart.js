// Bar charts with Chart.js (only the parts used, registered once).

import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip } from 'chart.js';
import { html } from 'htm/preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

/** The charts on the page by id, for whoever wants their data (the browser tests do). */
export const CHARTS = new Map();

export function BarChart ({ id, labels, data, x, y, color = '#3b82f6' }) {
  const canvas = useRef(null);
  const chart = useRef(null);
  useLayoutEffect(() => {
    chart.current = new Chart(canvas.current, {
      type: 'bar',
      data: { labels: [], datasets: [{ data: [], backgroundColor: color }] },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: {
          x: { title: { display: true, text: x }, ticks: { autoSkip: true, maxRotation: 0 } },
          y: { title: { display: true, text: y }, beginAtZero: true, ticks: { precision: 0 } }
        }
      }
    });
    CHARTS.set(id, chart.current);
    return () => { CHARTS.delete(id); chart.current.destroy(); };
  }, []);
  useLayoutEffect(() => {
    const c = chart.current;
    c.data.labels = labels;
    c.data.datasets[0].data = data;
    c.update('none');
  }, [labels, data]);
  return html`<div class="chart" data-chart=${id}><canvas ref=${canvas}></canvas></div>`;
}
