import type { TemplateLocale } from './template-kinds';

/**
 * Locked legal blocks: mentions the law asks for, included in templates as partials
 * (`{{> mise-en-demeure}}`). Agents cannot remove them from a template; only an ADMIN
 * may change their text, and every version is kept.
 */
export const LEGAL_BLOCKS: Record<string, Record<TemplateLocale, string>> = {
  'mise-en-demeure': {
    fr:
      'La présente vaut mise en demeure de payer au sens de l’article 1344 du Code civil. ' +
      'Le paiement du loyer et des charges aux termes convenus est une obligation du locataire (article 7 a de la loi n° 89-462 du 6 juillet 1989). ' +
      'À défaut de règlement sous huit jours à compter de la réception de ce courrier, le bailleur pourra faire délivrer par un commissaire de justice ' +
      'un commandement de payer visant la clause résolutoire du bail. Si les sommes dues ne sont pas réglées dans un délai de {{formalNotice.resolutionDelay}} ' +
      'après ce commandement, le bail pourra être résilié de plein droit (article 24 de la même loi).',
    en:
      'This letter is a formal notice to pay within the meaning of article 1344 of the French Civil Code. ' +
      'Paying the rent and charges when due is the tenant’s obligation (article 7 a of law no. 89-462 of 6 July 1989). ' +
      'Failing payment within eight days of receiving this letter, the landlord may have a commissaire de justice serve a ' +
      'commandement de payer invoking the lease’s resolution clause. If the sums due are not paid within {{formalNotice.resolutionDelay}} ' +
      'of that order, the lease may be terminated by operation of law (article 24 of the same law).',
  },
  'aides-logement': {
    fr:
      'Si vous rencontrez des difficultés, vous pouvez solliciter le Fonds de solidarité pour le logement (FSL) de votre département, ' +
      'votre caisse d’allocations familiales et l’ADIL, qui vous conseille gratuitement. Nous restons disposés à convenir avec vous d’un échéancier.',
    en:
      'If you are facing difficulties, you may apply to your département’s housing solidarity fund (FSL), your family allowance office (CAF) ' +
      'and the ADIL, which gives free advice. We remain ready to agree a payment plan with you.',
  },
  'sans-frais': {
    fr: 'Conformément à l’article 4 p) de la loi n° 89-462 du 6 juillet 1989, aucun frais de relance ne vous est facturé.',
    en: 'In accordance with article 4 p) of law no. 89-462 of 6 July 1989, no reminder fee is charged to you.',
  },
  caution: {
    fr:
      'En votre qualité de caution du bail {{lease.reference}}, nous vous informons, conformément à l’article 2303 du Code civil et à l’article 24 ' +
      'de la loi n° 89-462 du 6 juillet 1989, de l’incident de paiement du locataire.',
    en:
      'As guarantor of lease {{lease.reference}}, we inform you, in accordance with article 2303 of the French Civil Code and article 24 ' +
      'of law no. 89-462 of 6 July 1989, of the tenant’s payment default.',
  },
  // Commercial and other (non-residential) leases: no residential-law text in their letters.
  'mise-en-demeure-commercial': {
    fr:
      'La présente vaut mise en demeure de payer au sens de l’article 1344 du Code civil. ' +
      'À défaut de règlement sous huit jours à compter de la réception de ce courrier, le bailleur pourra faire délivrer par un commissaire de justice ' +
      'un commandement de payer visant la clause résolutoire du bail. Conformément à l’article L145-41 du Code de commerce, si les sommes dues ne sont pas ' +
      'réglées dans le délai d’un mois après ce commandement, la clause produira effet et le bail pourra être résilié de plein droit.',
    en:
      'This letter is a formal notice to pay within the meaning of article 1344 of the French Civil Code. ' +
      'Failing payment within eight days of receiving this letter, the landlord may have a commissaire de justice serve a ' +
      'commandement de payer invoking the lease’s resolution clause. Under article L145-41 of the French Commercial Code, if the sums due are not paid ' +
      'within one month of that order, the clause takes effect and the lease may be terminated by operation of law.',
  },
  'mise-en-demeure-hors-habitation': {
    fr:
      'La présente vaut mise en demeure de payer au sens de l’article 1344 du Code civil. ' +
      'À défaut de règlement sous huit jours à compter de la réception de ce courrier, le bailleur pourra se prévaloir de la clause résolutoire du bail, ' +
      'dans les conditions qu’il prévoit, et poursuivre en justice le recouvrement des sommes dues.',
    en:
      'This letter is a formal notice to pay within the meaning of article 1344 of the French Civil Code. ' +
      'Failing payment within eight days of receiving this letter, the landlord may invoke the lease’s resolution clause, on the terms it sets, ' +
      'and sue for the sums due.',
  },
  'caution-hors-habitation': {
    fr:
      'En votre qualité de caution du bail {{lease.reference}}, nous vous informons, conformément à l’article 2303 du Code civil, ' +
      'de l’incident de paiement du locataire.',
    en:
      'As guarantor of lease {{lease.reference}}, we inform you, in accordance with article 2303 of the French Civil Code, ' +
      'of the tenant’s payment default.',
  },
};
