/**
 * The port through which messaging asks the CRM connector (above it) to mirror a debt's
 * open tasks, after a delivery report opened one: the Twenty connector's
 * `TwentySyncService` implements it, and the composition root provides it under
 * {@link DEBT_TASKS_MIRROR} (see src/relance.module.ts).
 *
 * @example
 * ```ts
 * providers: [{ provide: DEBT_TASKS_MIRROR, useExisting: TwentySyncService }]
 * ```
 */
export interface DebtTasksMirror {
  mirrorTasks(workspaceId: string, debtId: string): Promise<void>;
}

/** The injection token of the {@link DebtTasksMirror}. */
export const DEBT_TASKS_MIRROR = Symbol('DEBT_TASKS_MIRROR');
