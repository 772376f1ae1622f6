/**
 * Where a comment stands. `published`, `flagged` and `held` are the triage's (automatic) statuses;
 * `approved` and `rejected` are a moderator's decisions (or a dump's, imported with --keep-status).
 */
export type CommentStatus = 'published' | 'flagged' | 'held' | 'approved' | 'rejected';

/** Every status, in the order the queue's tabs show them. */
export const COMMENT_STATUSES: readonly CommentStatus[] = ['held', 'flagged', 'published', 'approved', 'rejected'];
