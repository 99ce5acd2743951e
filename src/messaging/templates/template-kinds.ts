import { LOCALES, Locale } from '../../domain/parties';
import type { TenantProfile } from '../../domain/scenario';

/** The domain's list itself (a tenant's locale uses it too), so both name the one GraphQL enum. */
export const TEMPLATE_LOCALES = LOCALES;
export type TemplateLocale = Locale;

/** A template's tone: the default, or a variant for one tenant profile. */
export const TEMPLATE_TONES = ['DEFAULT', 'ONE_OFF', 'CHRONIC', 'PRECARIOUS'] as const;
export type TemplateTone = (typeof TEMPLATE_TONES)[number];

/** What a template renders into: a text message, an e-mail (with its letter as PDF), a letter, a task's body. */
export type TemplateMedium = 'SMS' | 'EMAIL' | 'LETTER' | 'TASK';

export interface TemplateText {
  /** E-mail subject, or the letter's "Objet". */
  subject?: string;
  body: string;
}

/** The tone variant a tenant profile reads first, before the default. */
export function toneFor(profile: TenantProfile): TemplateTone {
  return profile === 'UNKNOWN' ? 'DEFAULT' : profile;
}
