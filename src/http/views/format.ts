/**
 * How the pages show numbers and times. Scores are stored 0–1 and shown 0–100 everywhere a
 * person reads or types one (cards, filters, thresholds): the conversion happens here and in the
 * forms' schemas, nowhere else.
 */

/** A stored 0–1 score as the 0–100 a moderator reads. */
export function score100(score: number): number {
  return Math.round(score * 100);
}

/** A 0–100 value typed in a form, back to the stored 0–1 (to the thousandth, no float noise). */
export function fromScore100(value: number): number {
  return Math.round(value * 10) / 1000;
}

/** A stored 0–1 threshold shown on the 0–100 scale, to a tenth (model thresholds are that fine). */
export function threshold100(value: number): number {
  return Math.round(value * 1000) / 10;
}

export type ScoreLevel = 'high' | 'mid' | 'low';

/** How worrying a score is, for its colour: the default hold and flag thresholds (75, 40). */
export function scoreLevel(score: number): ScoreLevel {
  return score >= 0.75 ? 'high' : score >= 0.4 ? 'mid' : 'low';
}

/** A formatter of times in one zone, always with the zone's offset ("07/12/2026 23:19 UTC+1"). */
export function createTimeFormat(timeZone: string) {
  const dateTime = new Intl.DateTimeFormat('fr-FR', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  const seconds = new Intl.DateTimeFormat('fr-FR', {
    timeZone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZoneName: 'short',
  });
  const time = new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit', timeZoneName: 'short' });
  return {
    /** Day and time to the minute. */
    dateTime: (date: Date) => dateTime.format(date),
    /** Day and time to the second (the log). */
    precise: (date: Date) => seconds.format(date),
    /** Time of day only. */
    time: (date: Date) => time.format(date),
  };
}

export type TimeFormat = ReturnType<typeof createTimeFormat>;
