// Outgoing documents (issue 8): the queues each role sees, and which
// actions a person is offered on a document. eoffice-app decides again;
// this only keeps buttons that would be refused off the screen, and keeps
// signing absent for a secret document (domain.md §4).
import type { OutgoingDocument, UserSummary } from './bindings';
import type { OutgoingQueueName } from './api';

export const OUTGOING_QUEUES: { name: OutgoingQueueName; label: string; roles: string[] | null }[] = [
  { name: 'drafts', label: 'Dự thảo của tôi', roles: ['specialist', 'unit_head', 'leader', 'clerk'] },
  { name: 'review', label: 'Chờ duyệt', roles: ['unit_head'] },
  { name: 'approval', label: 'Trình ký', roles: ['leader', 'unit_head'] },
  { name: 'to_sign', label: 'Chờ ký', roles: ['leader', 'unit_head'] },
  { name: 'to_issue', label: 'Chờ phát hành', roles: ['clerk'] },
  { name: 'issued', label: 'Đã phát hành', roles: null },
];

export function outgoingQueuesFor(role: string): typeof OUTGOING_QUEUES {
  return OUTGOING_QUEUES.filter((q) => q.roles === null || q.roles.includes(role));
}

export type OutgoingAction = 'version' | 'submit' | 'approve' | 'send_back' | 'sign' | 'issue' | 'comment';

/** The actions `me` may take on `d` now, in the order they are shown. */
export function actionsFor(d: OutgoingDocument, me: UserSummary | null): OutgoingAction[] {
  if (!me) return [];
  const out: OutgoingAction[] = [];
  const isSigner = d.Signer === me.Username || (d.Signer === null && me.Role === 'leader');
  switch (d.Stage) {
    case 'drafting':
      if (d.Author === me.Username) out.push('version', 'submit');
      break;
    case 'in_review':
      if (d.Reviewer === me.Username) out.push('approve', 'send_back');
      break;
    case 'awaiting_approval':
      if (isSigner) out.push('approve', 'send_back');
      break;
    case 'approved':
      if (isSigner && d.MayESign) out.push('sign', 'send_back');
      else if (isSigner) out.push('send_back');
      if (!d.MayESign && me.Role === 'clerk') out.push('issue');
      break;
    case 'signed':
      if (me.Role === 'clerk') out.push('issue');
      break;
  }
  if (d.Stage !== 'issued' && me.Role !== 'admin') out.push('comment');
  return out;
}

export const ACTION_LABELS: Record<OutgoingAction, string> = {
  version: 'Tải phiên bản mới',
  submit: 'Trình duyệt',
  approve: 'Duyệt',
  send_back: 'Chuyển lại',
  sign: 'Ký số',
  issue: 'Phát hành',
  comment: 'Góp ý',
};

/** The files a draft may be (eoffice-pdf office_convert.rs). */
export const DRAFT_EXTENSIONS = ['pdf', 'docx', 'doc', 'odt', 'fodt', 'rtf'];

export function draftFileError(name: string): string | null {
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  return DRAFT_EXTENSIONS.includes(ext) ? null : 'Dự thảo phải là tệp PDF, DOCX, DOC, ODT hoặc RTF.';
}

/** "2 / 5" and the bar's width while a batch is signed. */
export function batchProgress(done: number, total: number): { label: string; percent: number } {
  const pct = total > 0 ? Math.round((done * 100) / total) : 0;
  return { label: `${done} / ${total}`, percent: Math.min(100, Math.max(0, pct)) };
}
