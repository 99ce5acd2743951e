/**
 * French vocabulary for the demo agency: names, towns, streets, insurers. Contact details
 * built from it are deliberately unreachable (see `demoEmail`, `demoMobile`) because demo
 * cases run real dunning scenarios through real channel adapters.
 */

export const FIRST_NAMES = [
  'Camille',
  'Léa',
  'Manon',
  'Chloé',
  'Emma',
  'Inès',
  'Sarah',
  'Julie',
  'Marie',
  'Claire',
  'Nathalie',
  'Isabelle',
  'Sophie',
  'Sandrine',
  'Céline',
  'Aurélie',
  'Amandine',
  'Fatima',
  'Aïcha',
  'Lina',
  'Hélène',
  'Monique',
  'Françoise',
  'Brigitte',
  'Élodie',
  'Thomas',
  'Lucas',
  'Hugo',
  'Nicolas',
  'Julien',
  'Antoine',
  'Maxime',
  'Alexandre',
  'Romain',
  'Kévin',
  'Mehdi',
  'Karim',
  'Yanis',
  'Mamadou',
  'Pierre',
  'Jean',
  'Philippe',
  'Michel',
  'Alain',
  'Patrick',
  'Christophe',
  'Stéphane',
  'Olivier',
  'Laurent',
  'Frédéric',
  'Sébastien',
  'Jérôme',
  'François',
  'Bernard',
  'Gérard',
  'Théo',
  'Louis',
  'Raphaël',
  'Anh',
  'Tiago',
] as const;

export const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Thomas',
  'Petit',
  'Robert',
  'Richard',
  'Durand',
  'Dubois',
  'Moreau',
  'Laurent',
  'Simon',
  'Michel',
  'Lefebvre',
  'Leroy',
  'Roux',
  'David',
  'Bertrand',
  'Morel',
  'Fournier',
  'Girard',
  'Bonnet',
  'Dupont',
  'Lambert',
  'Fontaine',
  'Rousseau',
  'Vincent',
  'Muller',
  'Lefèvre',
  'Faure',
  'André',
  'Mercier',
  'Blanc',
  'Guérin',
  'Boyer',
  'Garnier',
  'Chevalier',
  'François',
  'Legrand',
  'Gauthier',
  'Garcia',
  'Perrin',
  'Robin',
  'Clément',
  'Morin',
  'Nicolas',
  'Henry',
  'Roussel',
  'Mathieu',
  'Masson',
  'Marchand',
  'Duval',
  'Denis',
  'Dumont',
  'Lemaire',
  'Noël',
  'Meyer',
  'Dufour',
  'Meunier',
  'Brun',
  'Blanchard',
  'Giraud',
  'Joly',
  'Rivière',
  'Lucas',
  'Brunet',
  'Gaillard',
  'Barbier',
  'Arnaud',
  'Martinez',
  'Roche',
  'Renard',
  'Schmitt',
  'Leroux',
  'Colin',
  'Vidal',
  'Caron',
  'Picard',
  'Fabre',
  'Aubert',
  'Lemoine',
  'Le Gall',
  'Le Goff',
  'Da Silva',
  'Ferreira',
  'Nguyen',
  'Benali',
  'Haddad',
  'Diallo',
  'Traoré',
  'Kaya',
] as const;

/** A French town with its postal code, CAF office and rent level (cents per m² per month, housing). */
export interface DemoTown {
  city: string;
  postalCode: string;
  caf: string;
  rentPerSquareMetreCents: number;
}

/** Province towns first: the seeds' agency is "une agence de province". */
export const TOWNS: readonly DemoTown[] = [
  { city: 'Angers', postalCode: '49000', caf: 'CAF de Maine-et-Loire', rentPerSquareMetreCents: 1150 },
  { city: 'Avrillé', postalCode: '49240', caf: 'CAF de Maine-et-Loire', rentPerSquareMetreCents: 1050 },
  { city: 'Saumur', postalCode: '49400', caf: 'CAF de Maine-et-Loire', rentPerSquareMetreCents: 850 },
  { city: 'Cholet', postalCode: '49300', caf: 'CAF de Maine-et-Loire', rentPerSquareMetreCents: 850 },
  { city: 'Tours', postalCode: '37000', caf: "CAF d'Indre-et-Loire", rentPerSquareMetreCents: 1150 },
  { city: 'Le Mans', postalCode: '72000', caf: 'CAF de la Sarthe', rentPerSquareMetreCents: 950 },
  { city: 'Laval', postalCode: '53000', caf: 'CAF de la Mayenne', rentPerSquareMetreCents: 850 },
  { city: 'Nantes', postalCode: '44000', caf: 'CAF de Loire-Atlantique', rentPerSquareMetreCents: 1400 },
  { city: 'Rennes', postalCode: '35000', caf: "CAF d'Ille-et-Vilaine", rentPerSquareMetreCents: 1400 },
  { city: 'Poitiers', postalCode: '86000', caf: 'CAF de la Vienne', rentPerSquareMetreCents: 1000 },
  { city: 'Limoges', postalCode: '87000', caf: 'CAF de la Haute-Vienne', rentPerSquareMetreCents: 900 },
  { city: 'Orléans', postalCode: '45000', caf: 'CAF du Loiret', rentPerSquareMetreCents: 1100 },
  { city: 'Dijon', postalCode: '21000', caf: "CAF de la Côte-d'Or", rentPerSquareMetreCents: 1150 },
  { city: 'Clermont-Ferrand', postalCode: '63000', caf: 'CAF du Puy-de-Dôme', rentPerSquareMetreCents: 1050 },
  { city: 'Bordeaux', postalCode: '33000', caf: 'CAF de la Gironde', rentPerSquareMetreCents: 1500 },
  { city: 'Toulouse', postalCode: '31000', caf: 'CAF de la Haute-Garonne', rentPerSquareMetreCents: 1350 },
  { city: 'Lyon', postalCode: '69003', caf: 'CAF du Rhône', rentPerSquareMetreCents: 1650 },
  { city: 'Lille', postalCode: '59000', caf: 'CAF du Nord', rentPerSquareMetreCents: 1500 },
  { city: 'Strasbourg', postalCode: '67000', caf: 'CAF du Bas-Rhin', rentPerSquareMetreCents: 1400 },
  { city: 'Montpellier', postalCode: '34000', caf: "CAF de l'Hérault", rentPerSquareMetreCents: 1550 },
];

export const STREETS = [
  'rue Victor Hugo',
  'avenue Jean Jaurès',
  'rue de la République',
  'boulevard Gambetta',
  'rue Pasteur',
  'place du Marché',
  'rue des Lilas',
  'allée des Peupliers',
  'rue du Moulin',
  'chemin des Vignes',
  'rue Jules Ferry',
  'avenue du Général Leclerc',
  'rue Nationale',
  'rue de la Gare',
  'rue Émile Zola',
  'quai de la Loire',
  'rue Saint-Nicolas',
  'boulevard Foch',
  'rue des Écoles',
  'impasse des Tilleuls',
  'rue Voltaire',
  'avenue de la Libération',
  'rue du Château',
  'rue Jeanne d’Arc',
  'rue des Carmes',
] as const;

export const RESIDENCE_NAMES = [
  'Les Acacias',
  'Les Tilleuls',
  'Le Clos Fleuri',
  'Les Jardins de la Loire',
  'Le Parc',
  'Les Hauts de Ville',
  'Le Belvédère',
  'Les Glycines',
  'Le Carré Saint-Pierre',
  'Les Magnolias',
] as const;

/** Legal forms and name words for legal-entity landlords ("SCI Martin Patrimoine"). */
export const COMPANY_FORMS = ['SCI', 'SCI', 'SCI', 'SARL', 'SAS'] as const;
export const COMPANY_SUFFIXES = ['Patrimoine', 'Immobilier', 'Gestion', 'Investissements', 'Foncière'] as const;

/** Fictitious rent-guarantee insurers with the claim deadline their contract imposes. */
export const GLI_INSURERS: readonly { name: string; claimDeadlineDays: number }[] = [
  { name: 'Sérénité Bailleur Assurances', claimDeadlineDays: 40 },
  { name: 'Loyer Sûr', claimDeadlineDays: 45 },
  { name: 'Garantie Locative Mutuelle', claimDeadlineDays: 30 },
  { name: 'Assur’Loyer', claimDeadlineDays: 60 },
];

const slugs = new Map<string, string>();

/** "Émilie Le Gall" → "emilie-le-gall": ASCII for e-mail addresses (memoised: names repeat). */
export function slug(text: string): string {
  let result = slugs.get(text);
  if (result === undefined) {
    result = text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    slugs.set(text, result);
  }
  return result;
}

/**
 * `text` as one contiguous string. V8 keeps a concatenation as a tree of its pieces, about
 * a third more memory, and a 200,000-lease agency keeps millions of such strings; trimming
 * (a no-op on these texts) is the cheapest way to make it join them.
 */
export function flat(text: string): string {
  return text.trim();
}

/**
 * An address under a domain reserved by RFC 2606, so a demo reminder can never reach a real
 * mailbox. `n` keeps namesakes apart.
 */
export function demoEmail(local: string, n: number, domain = 'example.com'): string {
  return flat(`${local}.${n}@${domain}`);
}

/**
 * A mobile number from the range ARCEP reserves for fiction (06 39 98 00 00 – 06 39 98 99 99),
 * so a demo SMS can never reach a real phone; valid E.164 all the same.
 */
export function demoMobile(lastFourDigits: number): string {
  return `+3363998${`${lastFourDigits}`.padStart(4, '0')}`;
}

/** A landline from the range ARCEP reserves for fiction (01 99 00 00 00 – 01 99 00 99 99). */
export function demoLandline(lastFourDigits: number): string {
  return `+3319900${String(lastFourDigits).padStart(4, '0')}`;
}

/** A SIREN: eight digits and a Luhn check digit, as INSEE computes it. */
export function siren(eightDigits: number): string {
  const body = String(eightDigits).padStart(8, '0');
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    // Luhn over nine digits: positions 2, 4, 6 and 8 (odd indexes here) are doubled.
    let digit = Number(body[i]);
    if (i % 2 === 1) digit *= 2;
    sum += digit > 9 ? digit - 9 : digit;
  }
  return body + String((10 - (sum % 10)) % 10);
}
