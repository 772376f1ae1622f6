/**
 * Geometry for the statistics page's SVG charts, computed here so the views only draw (and so the
 * arithmetic is unit-tested). Numbers out, never markup: the EJS templates escape every label.
 */

/** The smallest "round" number (1, 2, 2.5 or 5 times a power of ten) at or above `value`. */
export function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value - 1e-9) return step * power;
  return 10 * power;
}

const round = (n: number): number => Math.round(n * 10) / 10;

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const DEFAULT_FRAME: Frame = { width: 720, height: 240, left: 48, right: 8, top: 10, bottom: 28 };

export interface Tick {
  y: number;
  label: string;
}

export interface XLabel {
  x: number;
  label: string;
}

function yTicks(frame: Frame, max: number, format: (v: number) => string): Tick[] {
  const plotHeight = frame.height - frame.top - frame.bottom;
  return [0, 0.5, 1].map((f) => ({ y: round(frame.top + plotHeight * (1 - f)), label: format(max * f) }));
}

/** At most `max` labels along the x axis, evenly spaced over the slots, the last one always shown. */
function xLabels(labels: readonly string[], slotX: (i: number) => number, max = 8): XLabel[] {
  if (labels.length === 0) return [];
  const every = Math.max(1, Math.ceil(labels.length / max));
  const shown: XLabel[] = [];
  for (let i = labels.length - 1; i >= 0; i -= every) shown.unshift({ x: round(slotX(i)), label: labels[i]! });
  return shown;
}

export interface StackedSegment {
  key: string;
  value: number;
  y: number;
  height: number;
}

export interface StackedBar {
  label: string;
  total: number;
  x: number;
  width: number;
  segments: StackedSegment[];
}

export interface StackedBarChart {
  frame: Frame;
  max: number;
  bars: StackedBar[];
  ticks: Tick[];
  xLabels: XLabel[];
}

/** Vertical bars, one per item, each stacked from the bottom in the order of `keys`. */
export function stackedBars(
  items: ReadonlyArray<{ label: string; values: Readonly<Record<string, number>> }>,
  keys: readonly string[],
  frame: Frame = DEFAULT_FRAME,
): StackedBarChart {
  const totals = items.map((item) => keys.reduce((sum, key) => sum + (item.values[key] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const plotWidth = frame.width - frame.left - frame.right;
  const plotHeight = frame.height - frame.top - frame.bottom;
  const slot = items.length > 0 ? plotWidth / items.length : plotWidth;
  const barWidth = Math.max(1, slot * 0.8);
  const bars = items.map((item, i) => {
    let base = frame.top + plotHeight;
    const segments: StackedSegment[] = [];
    for (const key of keys) {
      const value = item.values[key] ?? 0;
      if (value <= 0) continue;
      const height = (value / max) * plotHeight;
      base -= height;
      segments.push({ key, value, y: round(base), height: round(height) });
    }
    return { label: item.label, total: totals[i]!, x: round(frame.left + i * slot + (slot - barWidth) / 2), width: round(barWidth), segments };
  });
  return {
    frame,
    max,
    bars,
    ticks: yTicks(frame, max, (v) => String(Math.round(v))),
    xLabels: xLabels(items.map((item) => item.label), (i) => frame.left + i * slot + slot / 2),
  };
}

export interface LinePoint {
  x: number;
  y: number;
  label: string;
  value: number;
}

export interface LineChart {
  frame: Frame;
  max: number;
  /** Runs of consecutive known values; a missing value (null) breaks the line. */
  lines: string[];
  points: LinePoint[];
  ticks: Tick[];
  xLabels: XLabel[];
}

/** A line of shares (0 to 1) over the items; the axis goes up to a round share above the highest. */
export function shareLine(items: ReadonlyArray<{ label: string; value: number | null }>, frame: Frame = DEFAULT_FRAME): LineChart {
  const known = items.flatMap((item) => (item.value === null ? [] : [item.value]));
  const max = Math.min(1, niceMax(Math.max(0, ...known)));
  const plotWidth = frame.width - frame.left - frame.right;
  const plotHeight = frame.height - frame.top - frame.bottom;
  const slot = items.length > 0 ? plotWidth / items.length : plotWidth;
  const points: LinePoint[] = [];
  const lines: string[] = [];
  let run: string[] = [];
  items.forEach((item, i) => {
    if (item.value === null) {
      if (run.length > 0) lines.push(run.join(' '));
      run = [];
      return;
    }
    const point = { x: round(frame.left + i * slot + slot / 2), y: round(frame.top + plotHeight * (1 - item.value / max)), label: item.label, value: item.value };
    points.push(point);
    run.push(`${point.x},${point.y}`);
  });
  if (run.length > 0) lines.push(run.join(' '));
  return {
    frame,
    max,
    lines,
    points,
    ticks: yTicks(frame, max, (v) => `${Math.round(v * 1000) / 10} %`),
    xLabels: xLabels(items.map((item) => item.label), (i) => frame.left + i * slot + slot / 2),
  };
}

export interface HorizontalBar {
  label: string;
  /** The label cut to fit left of the bar (the full one goes in the bar's tooltip and the table). */
  shortLabel: string;
  value: number;
  y: number;
  width: number;
}

export interface HorizontalBarChart {
  width: number;
  height: number;
  labelWidth: number;
  rowHeight: number;
  barHeight: number;
  max: number;
  bars: HorizontalBar[];
}

/** Cuts a label to `max` characters (code points, so an emoji is never split), ending with "…". */
export function shorten(label: string, max: number): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('')}…`;
}

/** One horizontal bar per item, longest for the largest value; the label sits left of the bar. */
export function horizontalBars(
  items: ReadonlyArray<{ label: string; value: number }>,
  options: { width?: number; labelWidth?: number; rowHeight?: number; maxLabelChars?: number } = {},
): HorizontalBarChart {
  const width = options.width ?? 720;
  const labelWidth = options.labelWidth ?? 200;
  const rowHeight = options.rowHeight ?? 24;
  const maxLabelChars = options.maxLabelChars ?? 30;
  // Room after the longest bar for its value.
  const barSpace = width - labelWidth - 70;
  const max = Math.max(0, ...items.map((item) => item.value));
  return {
    width,
    height: Math.max(rowHeight, items.length * rowHeight),
    labelWidth,
    rowHeight,
    barHeight: round(rowHeight * 0.7),
    max,
    bars: items.map((item, i) => ({
      label: item.label,
      shortLabel: shorten(item.label, maxLabelChars),
      value: item.value,
      y: i * rowHeight,
      width: max > 0 ? round(Math.max(item.value > 0 ? 1 : 0, (item.value / max) * barSpace)) : 0,
    })),
  };
}
