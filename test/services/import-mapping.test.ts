import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRecordMapper } from '../../src/services/import/mapping.js';

const mapperFor = (overrides?: Record<string, string>) => createRecordMapper({ source: 'old', overrides, keepStatus: true });

describe('mapping a dump row to a comment', () => {
  it('when column names differ in case or spacing, then they are read as the usual names', () => {
    const mapped = mapperFor()({ ' ID ': '7', Story_Id: 's1', AUTHOR_ID: 'u1', 'Author_Name ': 'Awa', Body: 'Bonjour', Status: 'removed' });
    assert.ok('comment' in mapped);
    assert.equal(mapped.comment.externalId, '7');
    assert.deepEqual(mapped.comment.article, { externalId: 's1', url: null, title: null });
    assert.deepEqual(mapped.comment.author, { externalId: 'u1', name: 'Awa' });
    assert.equal(mapped.comment.body, 'Bonjour');
    assert.equal(mapped.keptStatus, 'rejected');
  });

  it('when a preferred column is empty, then the next one that holds a value is read', () => {
    const mapped = mapperFor()({ id: '', comment_id: '8', body: '', text: 'Salut', author_id: null, user_id: 'u9', story_id: 's' });
    assert.ok('comment' in mapped);
    assert.equal(mapped.comment.externalId, '8');
    assert.equal(mapped.comment.body, 'Salut');
    assert.deepEqual(mapped.comment.author, { externalId: 'u9', name: 'u9' });
  });

  it('when a row is in the API shape, then its nested article and author, createdAt and parentExternalId are read', () => {
    const mapped = mapperFor()({
      externalId: 'c1',
      article: { externalId: 'a1', url: 'https://example.org/a1', title: 'Titre' },
      author: { externalId: 'u1', name: 'Awa' },
      parentExternalId: 'c0',
      createdAt: '2024-03-01T10:00:00Z',
      body: 'Bonjour',
    });
    assert.ok('comment' in mapped);
    assert.deepEqual(mapped.comment.article, { externalId: 'a1', url: 'https://example.org/a1', title: 'Titre' });
    assert.deepEqual(mapped.comment.author, { externalId: 'u1', name: 'Awa' });
    assert.equal(mapped.comment.parentExternalId, 'c0');
    assert.equal(mapped.comment.createdAt?.toISOString(), '2024-03-01T10:00:00.000Z');
  });

  it('when --map names a column, then that column is read and the default one is not', () => {
    const mapped = mapperFor({ body: 'Texte' })({ id: '1', story_id: 's', author_id: 'u', body: 'pas ça', texte: 'ça' });
    assert.ok('comment' in mapped);
    assert.equal(mapped.comment.body, 'ça');
  });

  it('when a row has no body or a bad date, then it says which field is wrong', () => {
    const map = mapperFor();
    assert.deepEqual(map({ id: '1', story_id: 's', author_id: 'u' }), { error: 'body: is required' });
    assert.deepEqual(map({ id: '1', story_id: 's', author_id: 'u', body: 'x', created_at: 'hier' }), { error: 'created_at: invalid date "hier"' });
    assert.deepEqual(map({ id: '1', story_id: 's', author_id: 'u', body: 'x', createdAt: '' }), { error: 'created_at: invalid date ""' });
  });
});
