/**
 * Whether a comment is written in English rather than French. The learned model was trained on
 * French only: on another language its probabilities mean nothing (English news read as toxic to
 * it), so it abstains there and the lexicon decides alone. Function words tell the languages apart
 * cheaply: English ones that French never uses against French ones (elided forms included).
 */

const ENGLISH = new Set([
  'the', 'and', 'of', 'to', 'is', 'are', 'was', 'were', 'you', 'your', 'it', 'its', 'this', 'that', 'these', 'those',
  'with', 'have', 'has', 'had', 'for', 'from', 'what', 'which', 'who', 'they', 'them', 'their', 'he', 'his', 'him',
  'she', 'her', 'we', 'our', 'my', 'be', 'been', 'would', 'will', 'should', 'could', 'not', 'by', 'at', 'after',
  'about', 'into', 'in', 'there', 'than', 'then', 'when', 'where', 'why', 'how', 'just', 'do', 'does', 'did', 'can',
]);

const FRENCH = new Set([
  'le', 'la', 'les', 'un', 'une', 'des', 'du', 'de', 'et', 'est', 'sont', 'que', 'qui', 'ne', 'pas', 'je', 'tu', 'il',
  'elle', 'nous', 'vous', 'ils', 'elles', 'mon', 'ma', 'mes', 'ton', 'ta', 'tes', 'sa', 'ses', 'ce', 'cette', 'ces',
  'sur', 'dans', 'par', 'pour', 'avec', 'mais', 'au', 'aux', 'en', 'très', 'plus', 'leur', 'leurs', 'se', 'notre',
  'votre', 'nos', 'vos', 'être', 'avoir', 'été', 'ça', 'moi', 'toi', 'lui', 'eux',
  'l', 'd', 'j', 'n', 'qu', 'c', 's', 't', 'm',
]);

const WORD = /[a-zà-ÿœæ]+/g;

/**
 * True when English function words outnumber French ones clearly: at least two and no French
 * one, or at least three and twice as many.
 *
 * @example
 * readsAsEnglish('Two officers killed in an attack in the north'); // true
 * readsAsEnglish('Téléchargez notre application For you Media'); // false
 */
export function readsAsEnglish(text: string): boolean {
  let english = 0;
  let french = 0;
  for (const [word] of text.toLowerCase().matchAll(WORD)) {
    if (ENGLISH.has(word)) english++;
    else if (FRENCH.has(word)) french++;
  }
  return (english >= 2 && french === 0) || (english >= 3 && english >= 2 * french);
}
