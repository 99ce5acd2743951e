/**
 * The variables a template may use, with what they hold and an example. The checker
 * refuses a template naming anything else, so a typo is an error when the template is
 * saved, not a blank in a tenant's letter (DESIGN §5). `docs/templates.md` lists them.
 */
export interface TemplateVariable {
  path: string;
  description: string;
  example: string;
}

/** A list variable: `{{#each periodsDue}}…{{/each}}` with these fields on each item. */
export interface TemplateList {
  path: string;
  description: string;
  fields: TemplateVariable[];
}

export const TEMPLATE_VARIABLES: readonly TemplateVariable[] = [
  { path: 'today', description: 'Date of the send, spelled out', example: '25 novembre 2026' },
  { path: 'place', description: "The agency's city, for the letter's date line", example: 'Lyon' },
  { path: 'tenant.fullName', description: 'Every tenant of the lease, by name', example: 'Jean Martin et Léa Martin' },
  { path: 'tenant.firstName', description: 'First name of the first tenant', example: 'Jean' },
  { path: 'tenant.lastName', description: 'Last name of the first tenant', example: 'Martin' },
  {
    path: 'tenant.address',
    description: 'Postal address of the first tenant (the unit when none)',
    example: '12 rue Victor Hugo, 69002 Lyon',
  },
  { path: 'balance.total', description: 'Overdue balance (rent, charges and fees), formatted', example: '1 250,00 €' },
  { path: 'balance.rent', description: 'Rent part of the overdue balance', example: '1 100,00 €' },
  { path: 'balance.charges', description: 'Service-charge part of the overdue balance', example: '150,00 €' },
  { path: 'balance.fees', description: 'Late-payment fees of the overdue balance (commercial and other leases only)', example: '40,00 €' },
  {
    path: 'balance.hasFees',
    description: 'Whether the overdue balance holds a late-payment fee, for {{#if balance.hasFees}}',
    example: 'false',
  },
  { path: 'balance.totalCents', description: 'Overdue balance in cents (for conditions)', example: '125000' },
  { path: 'oldestDueDate', description: 'Oldest unpaid due date', example: '5 octobre 2026' },
  { path: 'daysLate', description: 'Days since the oldest unpaid due date', example: '21' },
  { path: 'lease.reference', description: "The lease's reference", example: 'BAIL-2024-017' },
  { path: 'lease.signedOn', description: 'Date the lease was signed', example: '1 mars 2024' },
  {
    path: 'lease.residential',
    description: 'Whether the lease is a residential one (loi 89-462), for {{#if lease.residential}}',
    example: 'true',
  },
  {
    path: 'lease.commercial',
    description: 'Whether the lease is a commercial one (C. com. L145-1 s.), for {{#if lease.commercial}}',
    example: 'false',
  },
  { path: 'unit.address', description: 'Address of the let unit, on one line', example: 'Appartement 3B, 12 rue Victor Hugo, 69002 Lyon' },
  { path: 'landlord.name', description: 'The landlord (company or person)', example: 'SCI Les Tilleuls' },
  { path: 'agency.name', description: 'The managing agency (workspace name)', example: 'Agence Rhône Gestion' },
  { path: 'agency.address', description: "The agency's postal address, on one line", example: '4 place Bellecour, 69002 Lyon' },
  { path: 'agency.phone', description: "The agency's phone number", example: '04 78 00 00 00' },
  { path: 'agency.email', description: "The agency's e-mail address", example: 'gestion@agence.fr' },
  { path: 'payment.instructions', description: 'How to pay (from the workspace settings)', example: 'Virement sur le compte IBAN FR76…' },
  { path: 'payment.iban', description: "The agency's IBAN", example: 'FR76 3000 6000 0112 3456 7890 189' },
  {
    path: 'formalNotice.resolutionDelay',
    description:
      'Delay of the resolution clause after a commandement de payer: residential, by lease date (6 weeks from 29 July 2023, else 2 months); commercial, one month (C. com. L145-41); other, the lease’s clause',
    example: 'six semaines',
  },
  { path: 'plan.count', description: 'Number of installments of the current payment plan (0 when none)', example: '3' },
  {
    path: 'legal.commandement',
    description: 'The commandement de payer: served or not, its delay and its last day (loi 89-462 art. 24; C. com. L145-41)',
    example: 'Commandement de payer signifié le 2 mars 2026 ; délai pour payer (six semaines) jusqu’au 13 avril 2026 inclus.',
  },
  {
    path: 'legal.assignation',
    description: 'The earliest day an assignation may be served, or what it waits for',
    example: 'Assignation possible à partir du 3 mai 2026.',
  },
  {
    path: 'legal.ccapex',
    description: 'The CCAPEX referral for a legal-entity landlord other than a family SCI (loi 89-462 art. 24 II); empty otherwise',
    example: 'CCAPEX saisie le 2 mars 2026 (loi 89-462 art. 24 II).',
  },
  {
    path: 'legal.winterTruce',
    description: 'The winter truce in force or the next one (CPCE L412-6)',
    example: 'Prochaine trêve hivernale du 1 novembre 2026 au 31 mars 2027 (CPCE L412-6) : aucune expulsion pendant cette période.',
  },
  {
    path: 'legal.prescription',
    description: 'The sums prescribed or prescribing within six months (loi 89-462 art. 7-1); empty when none',
    example: '900,00 € de juin 2023 se prescrivent le 6 juin 2026.',
  },
];

export const TEMPLATE_LISTS: readonly TemplateList[] = [
  {
    path: 'periodsDue',
    description: 'Each unpaid period, oldest first; a late-payment fee is a line of its own',
    fields: [
      { path: 'label', description: 'The period, spelled out; on a fee’s line, "Frais de retard prévus au bail"', example: 'octobre 2026' },
      { path: 'dueDate', description: 'Its due date', example: '5 octobre 2026' },
      { path: 'rent', description: 'Unpaid rent of the period', example: '550,00 €' },
      { path: 'charges', description: 'Unpaid charges of the period', example: '75,00 €' },
      { path: 'fees', description: 'Unpaid late-payment fee (0 but on a fee’s line)', example: '0,00 €' },
      { path: 'total', description: 'Unpaid total of the period', example: '625,00 €' },
    ],
  },
  {
    path: 'plan.installments',
    description: 'Installments of the current payment plan',
    fields: [
      { path: 'dueDate', description: 'Installment date', example: '5 décembre 2026' },
      { path: 'amount', description: 'Installment amount', example: '400,00 €' },
    ],
  },
];

/** Helpers a template may call besides the built-in `if`, `unless` and `each`. */
export const TEMPLATE_HELPERS = {
  zone: 'Free text an agent may add when sending: {{zone "note"}} (empty unless filled)',
  statement: 'The table of unpaid periods (rent, charges, total; a late-payment fee on its own line) at this place: {{statement}}',
} as const;
