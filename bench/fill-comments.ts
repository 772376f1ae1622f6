import type { Knex } from 'knex';

/** A spread of statuses like a real table's: mostly published, some in the queue, some decided. */
const STATUSES = ['published', 'published', 'published', 'published', 'published', 'published', 'flagged', 'held', 'approved', 'rejected'];

/**
 * Fills the comments table directly (bypassing ingestion, which the other benchmarks measure) with
 * `size` rows whose bodies cycle through `bodies`, spread over 5,000 authors and the last ~2 years.
 */
export async function fillComments(db: Knex, size: number, bodies: readonly string[]): Promise<void> {
  const now = Date.now();
  const [article] = await db('articles').insert({ source: 'fill', external_id: 'fill', title: 'Remplissage', created_at: new Date() }).returning('id');
  const authorRows = Array.from({ length: 5000 }, (_, i) => ({ source: 'fill', external_id: `a${i}`, name: `Auteur ${i}`, status: 'normal', created_at: new Date(), updated_at: new Date() }));
  const authorIds: number[] = [];
  for (let i = 0; i < authorRows.length; i += 500) {
    const ids = await db('authors').insert(authorRows.slice(i, i + 500)).returning('id');
    authorIds.push(...ids.map((row: { id: number }) => row.id));
  }
  const chunk = 500;
  for (let start = 0; start < size; start += chunk * 20) {
    await db.transaction(async (trx) => {
      for (let offset = start; offset < Math.min(start + chunk * 20, size); offset += chunk) {
        const rows = [];
        for (let i = offset; i < Math.min(offset + chunk, size); i++) {
          const status = STATUSES[i % STATUSES.length]!;
          const score = status === 'published' ? (i % 37) / 100 : 0.4 + ((i * 7919) % 60) / 100;
          const when = new Date(now - (i % 1_000_000) * 60_000);
          rows.push({
            source: 'fill', external_id: `f${i}`, article_id: (article as { id: number }).id, author_id: authorIds[i % authorIds.length],
            body: `${bodies[i % bodies.length]} #${i}`, created_at: when, ingested_at: when, updated_at: when,
            status, score, cat_insult: score, target: 'none', matches: '[]', scorer_version: 'fill',
          });
        }
        await trx('comments').insert(rows);
      }
    });
    if (start % 100_000 === 0) process.stderr.write(`  filled ${start.toLocaleString('en')} / ${size.toLocaleString('en')}\r`);
  }
  process.stderr.write('\n');
  await db.raw('ANALYZE');
}
