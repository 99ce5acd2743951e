/**
 * Call notes must stay objective, without sensitive data (CNIL's guidance on recovery
 * files; GDPR art. 9 and 10): no health, no offences, no insults, nothing on origin,
 * religion, politics, union membership or sex life. This finds such words in a report so
 * the agent is warned before saving; it is a guard rail, not a classifier, and the agent
 * may confirm a false alarm.
 */
export type SensitiveCategory = 'HEALTH' | 'OFFENCE' | 'INSULT' | 'SPECIAL_CATEGORY';

/** Word stems, French and English, lower case without accents; matched at word starts. */
const TERMS: Record<SensitiveCategory, readonly string[]> = {
  HEALTH: [
    'malad',
    'cancer',
    'depress',
    'hopital',
    'hospitalis',
    'chimio',
    'enceinte',
    'grossesse',
    'handicap',
    'medicament',
    'psychiat',
    'alcool',
    'alcoolique',
    'drogu',
    'toxico',
    'diabet',
    'covid',
    'burn-out',
    'burnout',
    'suicid',
    'sick',
    'illness',
    'hospital',
    'pregnan',
    'disabilit',
    'disabled',
    'medication',
    'alcoholic',
    'addict',
    // Legal protection measures reveal a person's health or capacity (CNIL, rental management framework).
    'curatelle',
    'tutelle',
    'mesure de protection',
    'sante mentale',
    'mental health',
    'psycholog',
    'psychos',
    'schizophren',
    'bipolai',
    'bipolar',
    'alzheimer',
    'demence',
    'dementia',
    'cannabis',
    'cocaine',
    'overdose',
    'dialys',
    'invalidit',
    'therapie',
    'therapy',
  ],
  OFFENCE: [
    'condamn',
    'prison',
    'incarcer',
    'casier judiciaire',
    'garde a vue',
    'delinquan',
    'convicted',
    'criminal record',
    'jail',
    'arrested',
  ],
  INSULT: [
    'escroc',
    'menteur',
    'menteuse',
    'voleur',
    'voleuse',
    'faineant',
    'feignant',
    'connard',
    'salaud',
    'abruti',
    'cretin',
    'imbecile',
    'idiot',
    'parasite',
    'liar',
    'thief',
    'lazy',
    'scum',
    'moron',
    'crook',
  ],
  SPECIAL_CATEGORY: [
    'religion',
    'musulman',
    'juif',
    'juive',
    'chretien',
    'catholique',
    'origine ethnique',
    'immigre',
    'syndiqu',
    'homosexu',
    'muslim',
    'jewish',
    'ethnic',
    'immigrant',
    'union member',
    'gay',
  ],
};

export interface SensitiveMatch {
  category: SensitiveCategory;
  /** The word as written in the report. */
  word: string;
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** The sensitive words of a text, each once, in the order they appear. */
export function findSensitiveTerms(text: string): SensitiveMatch[] {
  const folded = fold(text);
  const found: Array<SensitiveMatch & { at: number }> = [];
  for (const [category, stems] of Object.entries(TERMS) as Array<[SensitiveCategory, readonly string[]]>) {
    for (const stem of stems) {
      const pattern = new RegExp(`(^|[^a-z0-9])(${stem.replace(/[-\s]/g, '[-\\s]')}[a-z]*)`, 'g');
      for (const match of folded.matchAll(pattern)) {
        const at = match.index + match[1].length;
        // Folding keeps lengths for Latin letters, so the original word sits at the same place.
        found.push({ category, word: text.slice(at, at + match[2].length), at });
      }
    }
  }
  const seen = new Set<string>();
  return found
    .sort((a, b) => a.at - b.at)
    .filter((m) => !seen.has(m.word.toLowerCase()) && seen.add(m.word.toLowerCase()))
    .map(({ category, word }) => ({ category, word }));
}
