import { useMutation } from '@apollo/client';
import { FormEvent, useId, useRef, useState } from 'react';
import { ExtranetDecideApprovalDocument } from '../api/generated';
import type { ApprovalRequest } from '../api/types';
import { useLanguage } from '../i18n/language';

/**
 * Approve or reject with a comment: `decideApproval`, the mutation integrators use, so
 * the workflow acts on it exactly the same way. A rejection says why.
 */
export function DecisionForm({ request, onDecided }: { request: ApprovalRequest; onDecided: (approved: boolean) => void }) {
  const { t } = useLanguage();
  const [decide, { loading }] = useMutation(ExtranetDecideApprovalDocument, { refetchQueries: ['ExtranetPendingApprovals'] });
  const [choice, setChoice] = useState<'approve' | 'reject' | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const comment = useRef<HTMLTextAreaElement>(null);
  const errorId = useId();

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = comment.current?.value.trim() ?? '';
    if (!choice) return setProblem(t.decision.choiceMissing);
    if (choice === 'reject' && !text) {
      setProblem(t.decision.commentMissing);
      comment.current?.focus();
      return;
    }
    setProblem(undefined);
    try {
      await decide({
        variables: { debtId: request.debtId, stepKey: request.stepKey, approve: choice === 'approve', comment: text || undefined },
      });
      onDecided(choice === 'approve');
    } catch (error) {
      setProblem(t.decision.failed(error instanceof Error ? error.message : String(error)));
    }
  };

  return (
    <form className="panel decision-form" onSubmit={(e) => void submit(e)} noValidate aria-describedby={problem ? errorId : undefined}>
      <fieldset>
        <legend>{t.decision.yourDecision}</legend>
        <div className="field field-inline">
          <input
            type="radio"
            id="decision-approve"
            name="decision"
            value="approve"
            checked={choice === 'approve'}
            onChange={() => setChoice('approve')}
          />
          <label htmlFor="decision-approve">{t.decision.approve}</label>
        </div>
        <div className="field field-inline">
          <input
            type="radio"
            id="decision-reject"
            name="decision"
            value="reject"
            checked={choice === 'reject'}
            onChange={() => setChoice('reject')}
          />
          <label htmlFor="decision-reject">{t.decision.reject}</label>
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor="decision-comment">{choice === 'reject' ? t.decision.commentRequired : t.decision.comment}</label>
        <textarea ref={comment} id="decision-comment" name="comment" rows={4} maxLength={2000} aria-required={choice === 'reject'} />
      </div>
      {problem && (
        <p id={errorId} className="field-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="button" disabled={loading}>
        {loading ? t.decision.submitting : t.decision.submit}
      </button>
    </form>
  );
}
