import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef } from 'preact/hooks';
import { formatNumber, locale } from '../i18n';

/** Height from width: a wide card gets a taller plot (the desktop card sits beside two others). */
const heightFor = (width: number) => Math.round(Math.max(200, Math.min(340, width * 0.45)));

/**
 * Orders per minute over the last hour, drawn by uPlot on a canvas. The plot is created once and fed with
 * setData(); its width follows the container (ResizeObserver). uPlot sizes its elements through the CSSOM
 * (element.style), which the page's CSP (style-src 'self') allows.
 */
export function OrdersChart({ data, label, timeZone }: { data: [number[], number[]]; label: string; timeZone: string }) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const target = container.current;
    if (!target) return;
    // Minutes are labelled in the event's time zone, like every other time on the dashboard (the splits fall on
    // round minutes in any zone whose offset is whole quarter hours).
    const timeFormat = new Intl.DateTimeFormat(locale.value, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    const options: uPlot.Options = {
      width: Math.max(200, target.clientWidth),
      height: heightFor(target.clientWidth),
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, Math.ceil(max * 1.2))] } },
      axes: [
        { values: (_u, splits) => splits.map((s) => timeFormat.format(new Date(s * 1000))), stroke: '#625d78', grid: { stroke: '#eceaf4' } },
        { values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? formatNumber(s) : '')), stroke: '#625d78', grid: { stroke: '#eceaf4' }, size: 40 },
      ],
      series: [
        {},
        {
          label,
          stroke: '#5b21b6',
          width: 2,
          fill: 'rgba(91, 33, 182, 0.12)',
          points: { show: false },
          paths: uPlot.paths.stepped?.({ align: 1 }),
        },
      ],
    };
    const created = new uPlot(options, data, target);
    plot.current = created;
    const observer = new ResizeObserver(() => {
      const width = Math.max(200, target.clientWidth);
      if (width !== created.width) created.setSize({ width, height: heightFor(width) });
    });
    observer.observe(target);
    return () => {
      observer.disconnect();
      created.destroy();
      plot.current = null;
    };
    // The plot is rebuilt only when the language or time zone changes (axis formats); data goes through setData below.
  }, [locale.value, label, timeZone]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return <div class="orders-chart" data-testid="orders-chart" dir="ltr" ref={container} role="img" aria-label={label} />;
}
