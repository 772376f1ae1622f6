import type { Stats } from '../../services/stats.service.js';
import { horizontalBars, shareLine, stackedBars } from './charts.js';
import { messages } from '../messages.fr.js';
import { termLabel } from './term-label.js';

/** Bottom to top in the stacked bars: what is out first, then what waits, then what was decided. */
export const STATUS_STACK = ['published', 'flagged', 'held', 'approved', 'rejected'] as const;

const shortDay = (day: string): string => `${day.slice(8, 10)}/${day.slice(5, 7)}`;

/** "12,5 %", or a dash when there is nothing to divide. */
export function percent(share: number | null): string {
  return share === null ? '—' : `${(Math.round(share * 1000) / 10).toLocaleString('fr-FR')} %`;
}

/** A duration for a person: "42 s", "12 min", "3 h 05", "2 j 4 h". */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) {
    const minutes = Math.round(seconds / 60);
    return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')}`;
  }
  const hours = Math.round(seconds / 3600);
  return `${Math.floor(hours / 24)} j ${hours % 24} h`;
}

/** The statistics with the geometry of their charts, for views/pages/stats.ejs. */
export function statsPageModel(stats: Stats) {
  const categoryLabel = (category: string) => (messages.categories as Record<string, string>)[category] ?? category;
  return {
    stats,
    percent,
    duration,
    categoryLabel,
    termLabel,
    perDayChart: stackedBars(
      stats.commentsPerDay.map(({ day, ...counts }) => ({ label: shortDay(day), values: counts })),
      STATUS_STACK,
    ),
    shareChart: shareLine(stats.triagePerDay.map((d) => ({ label: shortDay(d.day), value: d.flaggedShare }))),
    categoriesChart: horizontalBars(stats.categories.map((c) => ({ label: categoryLabel(c.category), value: c.comments }))),
    termsChart: horizontalBars(stats.topTerms.map((t) => ({ label: termLabel(t.term), value: t.comments }))),
  };
}
