/** The text an agent wrote for one free-text zone (`{{zone "note"}}`) of a debt's coming message. */
export interface MessageZone {
  name: string;
  text: string;
}

/** At most this many characters in one zone: a paragraph or two of a letter. */
export const ZONE_TEXT_MAX = 2_000;

/** Zones as the renderer takes them: name → text. */
export function zoneTexts(zones: readonly MessageZone[]): Record<string, string> {
  return Object.fromEntries(zones.map((z) => [z.name, z.text]));
}
