import { useId } from 'react';
import type { Aging } from '../api/types';
import { useFormat } from '../i18n/format';
import { useLanguage } from '../i18n/language';

const ROW = 52;

/**
 * The arrears by age as horizontal bars: an SVG whose text alternative (title and
 * description) says every amount, with each bar's label and amount written beside it.
 * Bars are in % of the widest, so the chart fits a phone without shrinking its text.
 */
export function AgingChart({ aging, leases }: { aging: Aging; leases: number }) {
  const { t } = useLanguage();
  const format = useFormat();
  const id = useId();
  const buckets = [
    { label: t.aging.bucket0To30, cents: aging.days0To30, tone: 'a' },
    { label: t.aging.bucket31To60, cents: aging.days31To60, tone: 'b' },
    { label: t.aging.bucket61To90, cents: aging.days61To90, tone: 'c' },
    { label: t.aging.bucket90Plus, cents: aging.days90Plus, tone: 'd' },
  ];
  const widest = Math.max(...buckets.map((b) => b.cents));
  const description = `${t.aging.description(leases)} ${buckets.map((b) => `${b.label} — ${format.euros(b.cents)}`).join(' ; ')}.`;
  return (
    <figure className="aging-chart">
      <figcaption id={`${id}-caption`}>
        <h2>{t.aging.title}</h2>
        <p>{t.aging.description(leases)}</p>
      </figcaption>
      {widest === 0 ? (
        <p>{t.aging.none}</p>
      ) : (
        <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} width="100%" height={buckets.length * ROW} className="aging-bars">
          <title id={`${id}-title`}>{t.aging.title}</title>
          <desc id={`${id}-desc`}>{description}</desc>
          {buckets.map((b, i) => (
            <g key={b.label} aria-hidden="true">
              <text x="0" y={i * ROW + 16} className="aging-label">
                {b.label} — {format.euros(b.cents)}
              </text>
              <rect
                x="0"
                y={i * ROW + 24}
                height="20"
                rx="3"
                width={`${Math.max((b.cents / widest) * 100, b.cents > 0 ? 1 : 0)}%`}
                className={`aging-bar aging-bar-${b.tone}`}
              />
            </g>
          ))}
        </svg>
      )}
    </figure>
  );
}
