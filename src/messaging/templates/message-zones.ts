import type { EntityManager } from 'typeorm';

/** The text an agent wrote for one free-text zone (`{{zone "note"}}`) of a debt's coming message. */
export interface MessageZone {
  name: string;
  text: string;
}

/** At most this many characters in one zone: a paragraph or two of a letter. */
export const ZONE_TEXT_MAX = 2_000;

/** The zones an agent set for a debt's step (empty when none): what its send renders. */
export async function loadStepZones(db: Pick<EntityManager, 'query'>, workspaceId: string, debtId: string, stepKey: string): Promise<MessageZone[]> {
  const [row]: Array<{ zones: MessageZone[] }> = await db.query(
    'SELECT zones FROM debt_message_zone WHERE workspace_id = $1 AND debt_id = $2 AND step_key = $3',
    [workspaceId, debtId, stepKey],
  );
  return row?.zones ?? [];
}

/** Zones as the renderer takes them: name → text. */
export function zoneTexts(zones: readonly MessageZone[]): Record<string, string> {
  return Object.fromEntries(zones.map((z) => [z.name, z.text]));
}
