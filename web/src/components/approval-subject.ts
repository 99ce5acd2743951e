import type { ApprovalRequest } from '../api/types';
import type { Messages } from '../i18n/messages';

/** What a request asks approval for, in words: the step's action when known ("Mise en demeure (LRAR)"), else its kind. */
export function approvalSubject(t: Messages, request: Pick<ApprovalRequest, 'kind' | 'action' | 'leaseReference'>): string {
  const what = (request.action && t.action[request.action]) ?? t.approvalKind[request.kind] ?? request.kind;
  return request.leaseReference ? `${what} — ${request.leaseReference}` : what;
}
