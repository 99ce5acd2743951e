/**
 * The closed lists of the people and companies a recovery deals with: landlords and
 * guarantors, and the landlord's mandate with the agency (a tenant's preferred channel and
 * profile live with the scenarios, src/domain/scenario.ts). The database CHECKs and the
 * GraphQL enums (graphql/enums.ts) follow these.
 */

/** A landlord or guarantor: a person, or a company (SCI, SARL…). */
export const PARTY_KINDS = ['NATURAL_PERSON', 'LEGAL_ENTITY'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** Steps a landlord's mandate may reserve for the landlord's approval. */
export const APPROVAL_STEPS = ['FORMAL_NOTICE', 'LITIGATION_HANDOFF', 'PAYMENT_PLAN', 'FEE'] as const;
export type ApprovalStep = (typeof APPROVAL_STEPS)[number];

/** How the mandate says a landlord is kept informed. */
export const INFORMATION_CHANNELS = ['EMAIL', 'POSTAL', 'PORTAL'] as const;
export type InformationChannel = (typeof INFORMATION_CHANNELS)[number];

/** The languages of letters and messages: a tenant's `locale`, and the templates' (TEMPLATE_LOCALES is this list). */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
