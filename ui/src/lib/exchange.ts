// The exchange as the window shows it (issue 9; domain.md §11): which
// organs are ticked before sending, and how a recipient's status reads.
import type { ExchangeOrgan, RecipientStatus } from './bindings';

/** The organs of the directory named on the document, ticked by default. */
export function defaultSelection(organs: ExchangeOrgan[], recipients: string[]): string[] {
  const wanted = new Set(recipients.map((r) => r.trim().toLocaleLowerCase('vi')));
  return organs.filter((o) => wanted.has(o.Name.trim().toLocaleLowerCase('vi'))).map((o) => o.OrganId);
}

/** ok: done or accepted; bad: refused or failed to leave; wait: anything else. */
export function statusTone(r: RecipientStatus): 'ok' | 'bad' | 'wait' {
  if (!r.SentAt && r.LastError) return 'bad';
  switch (r.StatusCode) {
    case '03':
    case '04':
    case '05':
    case '06':
    case '15':
      return 'ok';
    case '02':
    case '16':
      return 'bad';
    default:
      return 'wait';
  }
}

/** One line for a recipient: not sent yet, sent, or its latest status. */
export function recipientLine(r: RecipientStatus): string {
  if (!r.SentAt) return r.LastError ? `Chưa gửi được: ${r.LastError}` : 'Chưa gửi';
  return r.StatusCode ? r.StatusLabel : 'Đã gửi, chờ phản hồi';
}

export const ROUTE_LABELS: Record<string, string> = {
  province: 'Máy chủ tỉnh',
  gateway: 'Nền tảng liên thông',
};
