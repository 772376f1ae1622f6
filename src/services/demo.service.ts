import type { Knex } from 'knex';
import { createCommentsRepo } from '../repositories/comments.repo.js';
import { demoArticles, demoComments } from '../demo/demo-content.js';
import type { IngestService, IncomingComment } from './ingest.service.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Fills an empty database with the demo articles and comments, ingested like real ones (scored,
 * triaged, logged), so a newcomer sees a working queue. Does nothing when any comment exists.
 * Returns how many comments it added.
 */
export async function loadDemoData(db: Knex, ingest: IngestService, now = new Date()): Promise<number> {
  if ((await createCommentsRepo(db).count()) > 0) return 0;
  const articles = new Map(demoArticles.map((article) => [article.key, article]));
  const batch: IncomingComment[] = demoComments.map((demo) => {
    const article = articles.get(demo.article)!;
    const publishedAt = now.getTime() - article.publishedDaysAgo * DAY;
    return {
      source: 'demo',
      externalId: demo.key,
      article: { externalId: article.key, url: article.url, title: article.title },
      author: { externalId: slug(demo.author), name: demo.author },
      parentExternalId: demo.replyTo ?? null,
      body: demo.body,
      createdAt: new Date(Math.min(publishedAt + demo.minutesAfterArticle * MINUTE, now.getTime())),
    };
  });
  const outcomes = await ingest.ingest(batch);
  return outcomes.filter((outcome) => !outcome.duplicate).length;
}

function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
