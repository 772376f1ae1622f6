/**
 * Unicode bidirectional controls, as a browser displays them. A body of U+202E (right-to-left
 * override) followed by an insult written backwards shows the insult to every reader, while its
 * stored characters spell nothing: the scorer must read what is displayed.
 *
 * This is not the full Unicode Bidirectional Algorithm: within an override or a right-to-left
 * embedding or isolate, the characters are shown in reverse order, which is what matters for Latin
 * letters (they are the same either way outside one); the controls themselves are dropped.
 */

const RLE = 0x202b;
const PDF = 0x202c;
const RLO = 0x202e;
const RLI = 0x2067;
const PDI = 0x2069;

/** U+202A–U+202E and U+2066–U+2069: the embedding, override and isolate controls. */
export function isBidiControl(code: number): boolean {
  return (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/** Whether `text` holds a bidirectional control (most comments do not: the scorer skips the rest). */
export function hasBidiControls(text: string): boolean {
  return BIDI_CONTROL.test(text);
}

/** `text` in display order, with `positions[i]` the index in `text` of the visual text's unit `i`. */
export interface VisualText {
  text: string;
  positions: Int32Array;
}

/**
 * The text as displayed: each run under a right-to-left override, embedding or isolate is reversed
 * (by code point, so surrogate pairs stay whole; an inner run keeps its own order), and a line
 * break ends every run.
 *
 * @example
 * visualOrder('\u202Edrannoc').text // → 'connard'
 * visualOrder('ok \u202Eab\u202C cd').text // → 'ok ba cd'
 */
export function visualOrder(text: string): VisualText {
  const out: string[] = [];
  const positions: number[] = [];
  // The open runs, innermost last. An item is one code point or a closed inner run, which keeps
  // its own order when the run around it is reversed.
  type Item = Array<[string, number]>;
  const runs: Array<{ rtl: boolean; items: Item[] }> = [];
  const emit = (item: Item) => {
    const open = runs.at(-1);
    if (open) {
      open.items.push(item);
      return;
    }
    for (const [unit, position] of item) {
      out.push(unit);
      for (let k = 0; k < unit.length; k++) positions.push(position + k);
    }
  };
  const close = () => {
    const run = runs.pop()!;
    const items = run.rtl ? run.items.reverse() : run.items;
    emit(items.flat());
  };
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    if (isBidiControl(code)) {
      if (code === PDF || code === PDI) {
        if (runs.length > 0) close();
      } else {
        runs.push({ rtl: code === RLO || code === RLE || code === RLI, items: [] });
      }
    } else if (code === 0x0a || code === 0x0d) {
      while (runs.length > 0) close();
      emit([[text.slice(i, i + width), i]]);
    } else {
      emit([[text.slice(i, i + width), i]]);
    }
    i += width;
  }
  while (runs.length > 0) close();
  return { text: out.join(''), positions: Int32Array.from(positions) };
}

/**
 * The original span `[start, end)` covered by the visual span `[start, end)`: the smallest range
 * holding every unit it shows (a reversed word maps onto the same characters, in stored order).
 */
export function originalSpan(visual: VisualText, start: number, end: number): [number, number] {
  let low = Number.POSITIVE_INFINITY;
  let high = -1;
  for (let i = start; i < end; i++) {
    const position = visual.positions[i]!;
    if (position < low) low = position;
    if (position > high) high = position;
  }
  return high < 0 ? [start, start] : [low, high + 1];
}
