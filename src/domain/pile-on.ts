/**
 * Pile-on detection, pure: given the recent comments waiting for review, which people receive
 * several of them from several distinct authors within a short window? No database, no clock:
 * the service reads the rows, this module groups them.
 */

/** A comment waiting for review (flagged or held), with the author of the comment it replies to. */
export interface PendingComment {
  id: number;
  version: number;
  authorId: number;
  authorName: string;
  body: string;
  createdAt: Date;
  /** The author of the parent comment, when this one is a reply. */
  parentAuthor: { id: number; name: string } | null;
}

export interface PileOnSettings {
  /** At least this many pending comments aimed at the same person… */
  replies: number;
  /** …written by at least this many distinct authors… */
  authors: number;
  /** …all within this many minutes of each other. */
  minutes: number;
}

/** Whom a pile-on is aimed at: an author we know (a replied-to author, or a mention that names one), or a bare `@name`. */
export interface PileOnTarget {
  key: string;
  name: string;
  authorId: number | null;
}

export interface PileOnAlert {
  target: PileOnTarget;
  /** Oldest first. */
  comments: PendingComment[];
  distinctAuthors: number;
  /** From the first comment to the last, rounded up, at least 1. */
  minutes: number;
}

// `@` starts a mention unless it is inside a word (an e-mail address) or doubled.
const MENTION = /(?<![\p{L}\p{N}_@.])@([\p{L}\p{N}_][\p{L}\p{N}_.-]*)/gu;

/**
 * The names a comment addresses with `@name`, in order, without repeats. Trailing dots and hyphens
 * are punctuation, not part of the name.
 *
 * @example extractMentions('@Marie tu mens, @marie. Écris à a@b.fr') // ['Marie', 'marie']
 */
export function extractMentions(body: string): string[] {
  const names: string[] = [];
  if (!body.includes('@')) return names;
  for (const match of body.matchAll(MENTION)) {
    const name = match[1]!.replace(/[.-]+$/, '');
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * The form under which a person's name is compared: case and accents folded, only letters and
 * digits kept, so `@JeanDupont` and the author "Jean Dupont" are the same person.
 *
 * @example nameKey('Jean-Noël Dupont') // 'jeannoeldupont'
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Mentions resolve to an author id when exactly one author among the rows (a commenter or a
 * replied-to author) carries that name; a name shared by several ("Anonyme") stays a bare name.
 */
function authorsByName(rows: readonly PendingComment[], keyOf: (name: string) => string): Map<string, number | null> {
  const byName = new Map<string, number | null>();
  const see = (id: number, name: string) => {
    const key = keyOf(name);
    if (!key) return;
    const known = byName.get(key);
    byName.set(key, known === undefined || known === id ? id : null);
  };
  for (const row of rows) {
    see(row.authorId, row.authorName);
    if (row.parentAuthor) see(row.parentAuthor.id, row.parentAuthor.name);
  }
  return byName;
}

/** The people one comment is aimed at, each once, never its own author. */
function targetsOf(row: PendingComment, byName: Map<string, number | null>, keyOf: (name: string) => string): PileOnTarget[] {
  const targets = new Map<string, PileOnTarget>();
  const ownKey = keyOf(row.authorName);
  if (row.parentAuthor && row.parentAuthor.id !== row.authorId) {
    const key = `author:${row.parentAuthor.id}`;
    targets.set(key, { key, name: row.parentAuthor.name, authorId: row.parentAuthor.id });
  }
  for (const mention of extractMentions(row.body)) {
    const folded = keyOf(mention);
    if (!folded || folded === ownKey) continue;
    const authorId = byName.get(folded) ?? null;
    if (authorId === row.authorId) continue;
    const key = authorId !== null ? `author:${authorId}` : `name:${folded}`;
    if (!targets.has(key)) targets.set(key, { key, name: `@${mention}`, authorId });
  }
  return [...targets.values()];
}

/**
 * Groups pending comments into pile-on alerts. For each target, every window of `minutes`
 * starting at one of its comments is checked; the comments of overlapping windows that reach
 * both thresholds form one alert (two bursts hours apart are two alerts). Biggest alerts first.
 *
 * @example
 * findPileOns(rows, { replies: 3, authors: 3, minutes: 60 })
 * // [{ target: { name: 'Marie', … }, comments: [3 rows], distinctAuthors: 3, minutes: 12 }]
 */
export function findPileOns(rows: readonly PendingComment[], settings: PileOnSettings): PileOnAlert[] {
  // The same few thousand names come back on every row: fold each once.
  const keys = new Map<string, string>();
  const keyOf = (name: string) => keys.get(name) ?? keys.set(name, nameKey(name)).get(name)!;
  const byName = authorsByName(rows, keyOf);
  const byTarget = new Map<string, { target: PileOnTarget; comments: PendingComment[] }>();
  for (const row of rows) {
    for (const target of targetsOf(row, byName, keyOf)) {
      const entry = byTarget.get(target.key);
      if (!entry) byTarget.set(target.key, { target, comments: [row] });
      else {
        entry.comments.push(row);
        // A replied-to author's own name reads better than the @form someone typed.
        if (entry.target.name.startsWith('@') && !target.name.startsWith('@')) entry.target = target;
      }
    }
  }
  const alerts: PileOnAlert[] = [];
  for (const { target, comments } of byTarget.values()) {
    if (comments.length < settings.replies) continue;
    for (const group of burstsOf(comments, settings)) {
      const span = group.at(-1)!.createdAt.getTime() - group[0]!.createdAt.getTime();
      alerts.push({
        target,
        comments: group,
        distinctAuthors: new Set(group.map((c) => c.authorId)).size,
        minutes: Math.max(1, Math.ceil(span / 60_000)),
      });
    }
  }
  return alerts.sort(
    (a, b) => b.comments.length - a.comments.length || b.comments.at(-1)!.createdAt.getTime() - a.comments.at(-1)!.createdAt.getTime(),
  );
}

/** The runs of a target's comments covered by windows that reach both thresholds. */
function burstsOf(unsorted: readonly PendingComment[], settings: PileOnSettings): PendingComment[][] {
  const comments = [...unsorted].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id);
  const windowMs = settings.minutes * 60_000;
  const perAuthor = new Map<number, number>();
  const runs: Array<[number, number]> = [];
  let end = 0; // one past the last comment of the window starting at `start`
  for (let start = 0; start < comments.length; start++) {
    while (end < comments.length && comments[end]!.createdAt.getTime() - comments[start]!.createdAt.getTime() <= windowMs) {
      const id = comments[end]!.authorId;
      perAuthor.set(id, (perAuthor.get(id) ?? 0) + 1);
      end++;
    }
    if (end - start >= settings.replies && perAuthor.size >= settings.authors) {
      const last = runs.at(-1);
      if (last && start <= last[1]) last[1] = end - 1;
      else runs.push([start, end - 1]);
    }
    const id = comments[start]!.authorId;
    const left = perAuthor.get(id)! - 1;
    if (left === 0) perAuthor.delete(id);
    else perAuthor.set(id, left);
  }
  return runs.map(([first, last]) => comments.slice(first, last + 1));
}
