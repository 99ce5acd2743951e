import { findSensitiveTerms } from './sensitive-terms';

describe('sensitive terms in call notes', () => {
  it.each([
    ['Locataire en dépression depuis son licenciement', [{ category: 'HEALTH', word: 'dépression' }]],
    ['Il est hospitalisé, rappeler la semaine prochaine', [{ category: 'HEALTH', word: 'hospitalisé' }]],
    ['Quel escroc, il ment', [{ category: 'INSULT', word: 'escroc' }]],
    ['Sort de prison le mois prochain', [{ category: 'OFFENCE', word: 'prison' }]],
    ['Garde à vue hier soir', [{ category: 'OFFENCE', word: 'Garde à vue' }]],
    ['Placé sous curatelle renforcée, voir avec le curateur', [{ category: 'HEALTH', word: 'curatelle' }]],
    ['Sa mère est sous tutelle', [{ category: 'HEALTH', word: 'tutelle' }]],
    ['Problèmes de santé mentale', [{ category: 'HEALTH', word: 'santé mentale' }]],
    ['Suivi pour une addiction', [{ category: 'HEALTH', word: 'addiction' }]],
    ['Voit un psychologue chaque semaine', [{ category: 'HEALTH', word: 'psychologue' }]],
    ['Trouble bipolaire signalé par la fille', [{ category: 'HEALTH', word: 'bipolaire' }]],
    [
      'Maladie d’Alzheimer du conjoint',
      [
        { category: 'HEALTH', word: 'Maladie' },
        { category: 'HEALTH', word: 'Alzheimer' },
      ],
    ],
    ['A mesure de protection en cours', [{ category: 'HEALTH', word: 'mesure de protection' }]],
    [
      'Tenant says he is sick and the landlord a liar',
      [
        { category: 'HEALTH', word: 'sick' },
        { category: 'INSULT', word: 'liar' },
      ],
    ],
  ])('flags %j', (text, expected) => {
    expect(findSensitiveTerms(text)).toEqual(expected);
  });

  it.each([
    'Joint, promet de payer 300 € le 15. Rappeler le 16.',
    'Pas de réponse, message laissé',
    'Conteste le montant des charges de régularisation 2025',
    // Word starts only: "idiome", "décongeler" and "chalet" hide no stems.
    'Parle un idiome local ; frigo à décongeler ; chalet',
    // Near misses of the protection and health stems.
    'Dément avoir reçu la lettre ; protection des données rappelée ; mesure du compteur',
  ])('leaves %j alone', (text) => {
    expect(findSensitiveTerms(text)).toEqual([]);
  });
});
