/** One string for a (source, externalId) pair, to key maps of things a site identifies. */
export function externalKey(source: string, externalId: string): string {
  return `${source}\u0000${externalId}`;
}
