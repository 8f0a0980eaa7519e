import { useTranslation } from 'react-i18next';
import type { OutageSummary } from '../../../lib/api/types';
import { hour, number } from '../../../lib/i18n/format';

const WIDTH = 600;
const HEIGHT = 200;
const PAD = 32;

/** Open items at the end of each hour: a line chart, with the same figures as a table for screen readers. */
export function BurnDown({ points }: { points: OutageSummary['burnDown'] }) {
  const { t } = useTranslation();
  if (points.length === 0) return <p>{t('summary.noBurnDown')}</p>;
  const max = Math.max(1, ...points.map((p) => p.open));
  const x = (i: number) => PAD + (points.length === 1 ? 0 : (i * (WIDTH - 2 * PAD)) / (points.length - 1));
  const y = (open: number) => HEIGHT - PAD - (open * (HEIGHT - 2 * PAD)) / max;
  const line = points.map((p, i) => `${x(i)},${y(p.open)}`).join(' ');
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return (
    <figure className="burn-down">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="burn-title">
        <title id="burn-title">{t('summary.burnDownAlt', { from: number(first.open), to: number(last.open), hours: points.length })}</title>
        <line x1={PAD} y1={HEIGHT - PAD} x2={WIDTH - PAD} y2={HEIGHT - PAD} className="axis" />
        <line x1={PAD} y1={PAD} x2={PAD} y2={HEIGHT - PAD} className="axis" />
        <text x={PAD - 4} y={PAD + 4} textAnchor="end" className="tick">{number(max)}</text>
        <text x={PAD - 4} y={HEIGHT - PAD} textAnchor="end" className="tick">0</text>
        <text x={PAD} y={HEIGHT - 8} className="tick">{hour(first.hour)}</text>
        <text x={WIDTH - PAD} y={HEIGHT - 8} textAnchor="end" className="tick">{hour(last.hour)}</text>
        <polyline points={line} className="series" fill="none" />
      </svg>
      <figcaption>{t('summary.burnDown')}</figcaption>
      <details>
        <summary>{t('summary.burnDownTable')}</summary>
        <table>
          <thead><tr><th scope="col">{t('summary.hour')}</th><th scope="col">{t('summary.open')}</th></tr></thead>
          <tbody>{points.map((p) => <tr key={p.hour}><td>{hour(p.hour)}</td><td>{number(p.open)}</td></tr>)}</tbody>
        </table>
      </details>
    </figure>
  );
}
