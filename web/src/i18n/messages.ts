import { fr } from './fr';

/** The shape of a dictionary: French's, which English must match key for key. */
export type Messages = typeof fr;

/** The languages the extranet speaks, French first. */
export type Language = 'fr' | 'en';
export const LANGUAGES: readonly Language[] = ['fr', 'en'];
