import type { TenantProfile } from '../domain/scenario';

export const TEMPLATE_LOCALES = ['fr', 'en'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];

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
