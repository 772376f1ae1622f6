import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { horizontalBars, niceMax, shorten, shareLine, stackedBars, type Frame } from '../../src/http/views/charts.js';
import { renderPrometheus } from '../../src/http/views/prometheus.js';
import { duration, percent } from '../../src/http/views/stats-page.js';

// A frame with round numbers: plot area x 10…110, y 0…100.
const FRAME: Frame = { width: 110, height: 110, left: 10, right: 0, top: 0, bottom: 10 };

describe('chart geometry', () => {
  it('when a maximum is rounded up, then it lands on 1, 2, 2.5 or 5 times a power of ten', () => {
    const cases: Array<[number, number]> = [[0, 1], [-3, 1], [0.3, 0.5], [1, 1], [3, 5], [7, 10], [18, 20], [21, 25], [250, 250], [251, 500], [1234, 2000], [2100, 2500]];
    for (const [value, expected] of cases) assert.equal(niceMax(value), expected, String(value));
  });

  it('when bars are stacked, then segments rise from the axis in key order, scaled to the rounded maximum', () => {
    const chart = stackedBars([{ label: 'a', values: { x: 10, y: 30 } }, { label: 'b', values: { x: 0, y: 50 } }], ['x', 'y'], FRAME);
    assert.equal(chart.max, 50);
    const [a, b] = chart.bars;
    assert.deepEqual(a, { label: 'a', total: 40, x: 15, width: 40, segments: [{ key: 'x', value: 10, y: 80, height: 20 }, { key: 'y', value: 30, y: 20, height: 60 }] });
    // An empty segment is not drawn; the tallest bar reaches the top.
    assert.deepEqual(b!.segments, [{ key: 'y', value: 50, y: 0, height: 100 }]);
    assert.deepEqual(chart.ticks, [{ y: 100, label: '0' }, { y: 50, label: '25' }, { y: 0, label: '50' }]);
    assert.deepEqual(chart.xLabels, [{ x: 35, label: 'a' }, { x: 85, label: 'b' }]);
  });

  it('when there are many days, then at most 8 labels are shown and the last day always is', () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ label: `d${i}`, values: { x: 1 } }));
    const labels = stackedBars(items, ['x'], FRAME).xLabels.map((l) => l.label);
    assert.ok(labels.length <= 8);
    assert.equal(labels.at(-1), 'd29');
  });

  it('when a share is missing, then the line breaks there and no point is drawn', () => {
    const chart = shareLine(
      [{ label: 'a', value: 0.2 }, { label: 'b', value: 0.4 }, { label: 'c', value: null }, { label: 'd', value: 0.1 }],
      FRAME,
    );
    assert.equal(chart.max, 0.5);
    assert.deepEqual(chart.lines, ['22.5,60 47.5,20', '97.5,80']);
    assert.deepEqual(chart.points.map((p) => p.label), ['a', 'b', 'd']);
    assert.equal(chart.ticks.at(-1)!.label, '50 %');
    // Never above 100 %.
    assert.equal(shareLine([{ label: 'a', value: 1 }], FRAME).max, 1);
  });

  it('when bars are horizontal, then the largest fills the space and a non-zero value stays visible', () => {
    const chart = horizontalBars([{ label: 'a', value: 1000 }, { label: 'b', value: 500 }, { label: 'c', value: 1 }, { label: 'd', value: 0 }], { width: 370, labelWidth: 100, rowHeight: 20 });
    assert.deepEqual(chart.bars.map((b) => [b.y, b.width]), [[0, 200], [20, 100], [40, 1], [60, 0]]);
    assert.equal(chart.height, 80);
    assert.deepEqual(horizontalBars([]).bars, []);
    assert.equal(chart.bars[0]!.shortLabel, 'a');
  });

  it('when a label is too long for its place, then it is cut with an ellipsis, never inside a character', () => {
    assert.equal(shorten('je/j/on vais/va te/t/vous tuer/crever', 12), 'je/j/on vai…');
    assert.equal(shorten('court', 12), 'court');
    assert.equal(shorten('😀😀😀😀', 3), '😀😀…');
  });
});

describe('figures for people', () => {
  it('when shares and durations are shown, then they read in French', () => {
    assert.equal(percent(null), '—');
    assert.equal(percent(5 / 7), '71,4 %');
    assert.equal(percent(1), '100 %');
    assert.equal(duration(null), '—');
    assert.equal(duration(42.4), '42 s');
    assert.equal(duration(1800), '30 min');
    assert.equal(duration(3 * 3600 + 5 * 60), '3 h 05');
    assert.equal(duration(2 * 86400 + 4 * 3600), '2 j 4 h');
  });
});

describe('the Prometheus text format', () => {
  it('when metrics are rendered, then each has HELP and TYPE, one sample per line, label values escaped', () => {
    const text = renderPrometheus([
      { name: 'x_total', help: 'Things.\nMore', type: 'counter', samples: [{ labels: { kind: 'a"b\\c\nd' }, value: 3 }, { labels: { kind: 'e' }, value: 0 }] },
      { name: 'y', help: 'Y', type: 'gauge', samples: [{ value: 1.5 }] },
    ]);
    assert.equal(
      text,
      '# HELP x_total Things.\\nMore\n# TYPE x_total counter\nx_total{kind="a\\"b\\\\c\\nd"} 3\nx_total{kind="e"} 0\n# HELP y Y\n# TYPE y gauge\ny 1.5\n',
    );
  });
});
