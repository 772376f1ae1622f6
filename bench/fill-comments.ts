import type { Knex } from 'knex';

/** The terms the filled comments carry, as the triage would have stored them. */
const FILL_TERMS = [
  { term: 'connard(e)(s)', category: 'insult' },
  { term: 'ferme ta gueule', category: 'harassment' },
  { term: 'crevard(e)(s)', category: 'insult' },
  { term: 'idiot(e)(s)', category: 'insult' },
  { term: 'retourne dans ton pays', category: 'identity_attack' },
  { term: 'merde(s)', category: 'profanity' },
];

/**
 * Fills the tables directly (bypassing ingestion, which other benchmarks measure) as a year of a
 * real site would: `size` comments whose bodies cycle through `bodies`, over 5,000 authors and the
 * last ~2 years, mostly published, some in the queue, some decided; and their log — a triage event
 * each (with terms on the flagged ones) and the decision of the approved and rejected ones, made by
 * the first user (create one first).
 */
export async function fillComments(db: Knex, size: number, bodies: readonly string[]): Promise<void> {
  const now = Date.now();
  const statuses = ['published', 'published', 'published', 'published', 'published', 'published', 'flagged', 'held', 'approved', 'rejected'];
  const [article] = await db('articles').insert({ source: 'fill', external_id: 'fill', title: 'Remplissage', created_at: new Date() }).returning('id');
  const authorRows = Array.from({ length: 5000 }, (_, i) => ({ source: 'fill', external_id: `a${i}`, name: `Auteur ${i}`, status: 'normal', created_at: new Date(), updated_at: new Date() }));
  const authorIds: number[] = [];
  for (let i = 0; i < authorRows.length; i += 500) {
    const ids = await db('authors').insert(authorRows.slice(i, i + 500)).returning('id');
    authorIds.push(...ids.map((row: { id: number }) => row.id));
  }
  // The admin the server created on its first start decides, as a moderator would.
  const moderatorId = ((await db('users').orderBy('id').first('id')) as { id: number }).id;
  const chunk = 500;
  for (let start = 0; start < size; start += chunk * 20) {
    await db.transaction(async (trx) => {
      for (let offset = start; offset < Math.min(start + chunk * 20, size); offset += chunk) {
        const rows = [];
        const plans: Array<{ status: string; triaged: string; score: number; matches: string; when: Date }> = [];
        for (let i = offset; i < Math.min(offset + chunk, size); i++) {
          const status = statuses[i % statuses.length]!;
          const score = status === 'published' ? (i % 37) / 100 : 0.4 + ((i * 7919) % 60) / 100;
          const when = new Date(now - (i % 1_000_000) * 60_000);
          const matches = status === 'published' ? '[]' : JSON.stringify([{ ...FILL_TERMS[i % FILL_TERMS.length]!, severity: 2, start: 0, end: 7, text: 'connard' }]);
          const triaged = status === 'approved' || status === 'rejected' ? (i % 20 < 10 ? 'held' : 'flagged') : status;
          rows.push({
            source: 'fill', external_id: `f${i}`, article_id: (article as { id: number }).id, author_id: authorIds[i % authorIds.length],
            body: `${bodies[i % bodies.length]} #${i}`, created_at: when, ingested_at: when, updated_at: when,
            status, score, cat_insult: score, target: 'none', matches, scorer_version: 'fill',
            ...(triaged === status ? {} : { decided_by: moderatorId, decided_at: new Date(when.getTime() + ((i % 120) + 1) * 60_000) }),
          });
          plans.push({ status, triaged, score, matches, when });
        }
        const ids = (await trx('comments').insert(rows).returning('id')).map((row: { id: number }) => row.id);
        const events = [];
        for (const [k, plan] of plans.entries()) {
          const base = { comment_id: ids[k], author_id: rows[k]!.author_id, score: plan.score, matches: plan.matches };
          events.push({ ...base, actor_type: 'system', actor_user_id: null, action: 'triage', from_status: null, to_status: plan.triaged, created_at: plan.when });
          if (plan.triaged !== plan.status) {
            events.push({
              ...base, actor_type: 'user', actor_user_id: moderatorId, action: plan.status === 'approved' ? 'approve' : 'reject',
              from_status: plan.triaged, to_status: plan.status, created_at: rows[k]!.decided_at,
            });
          }
        }
        for (let e = 0; e < events.length; e += 500) await trx('moderation_events').insert(events.slice(e, e + 500));
      }
    });
    if (start % 100_000 === 0) process.stderr.write(`  filled ${start.toLocaleString('en')} / ${size.toLocaleString('en')}\r`);
  }
  process.stderr.write('\n');
  await db.raw('ANALYZE');
}
