// Work queues and the assignment form (issue 7): names of the queues,
// the words for a deadline's tone, and the checks of the form before it
// goes to eoffice-app (which checks again).
import type { AssignInput } from './bindings';
import type { QueueName } from './api';

export const QUEUES: { name: QueueName; label: string; roles: string[] | null }[] = [
  { name: 'mine', label: 'Việc của tôi', roles: null },
  { name: 'awaiting', label: 'Chờ cho ý kiến', roles: ['leader'] },
  { name: 'not_presented', label: 'Chờ trình', roles: ['clerk', 'admin'] },
  { name: 'due_soon', label: 'Sắp đến hạn', roles: null },
  { name: 'overdue', label: 'Quá hạn', roles: null },
  { name: 'tracking', label: 'Theo dõi', roles: ['leader', 'clerk', 'admin'] },
  { name: 'informed', label: 'Để biết', roles: null },
];

/** The queues a role sees, in sidebar order. */
export function queuesFor(role: string): typeof QUEUES {
  return QUEUES.filter((q) => q.roles === null || q.roles.includes(role));
}

/** A deadline's tone as a word: never only a colour (ui.md). */
export function toneLabel(tone: string | null | undefined): string {
  if (tone === 'overdue') return 'Quá hạn';
  if (tone === 'due_soon') return 'Sắp đến hạn';
  return '';
}

export type AssignForm = {
  instruction: string;
  lead: string;
  coordinate: string[];
  inform: string[];
  deadlineMode: 'date' | 'working_days' | 'none';
  deadline: string;
  workingDays: string;
};

export function emptyAssignForm(): AssignForm {
  return { instruction: '', lead: '', coordinate: [], inform: [], deadlineMode: 'working_days', deadline: '', workingDays: '10' };
}

/** The form as eoffice-app's AssignInput, or what to fix first. */
export function assignInput(f: AssignForm): { input: AssignInput } | { error: string } {
  if (!f.lead) return { error: 'Chưa chọn đơn vị hoặc người chủ trì.' };
  if (f.coordinate.includes(f.lead) || f.inform.includes(f.lead)) {
    return { error: 'Đơn vị chủ trì không đồng thời phối hợp hay để biết.' };
  }
  if (f.coordinate.some((c) => f.inform.includes(c))) return { error: 'Một đơn vị không vừa phối hợp vừa để biết.' };
  let deadline: string | null = null;
  let workingDays: number | null = null;
  if (f.deadlineMode === 'date') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(f.deadline)) return { error: 'Hạn xử lý chưa đúng ngày.' };
    deadline = f.deadline;
  } else if (f.deadlineMode === 'working_days') {
    const n = Number(f.workingDays);
    if (!Number.isInteger(n) || n < 0 || n > 365) return { error: 'Số ngày làm việc phải là số nguyên từ 0 đến 365.' };
    workingDays = n;
  }
  return {
    input: {
      Instruction: f.instruction.trim() || null,
      Lead: { Who: f.lead, Deadline: null },
      Coordinate: f.coordinate.map((c) => ({ Who: c, Deadline: null })),
      Inform: [...f.inform],
      Deadline: deadline,
      WorkingDays: workingDays,
    },
  };
}

/** Saved phrases for common instructions (ui.md, leader's queue). */
export const DEFAULT_PHRASES = [
  'Giao chủ trì tham mưu, báo cáo kết quả.',
  'Đề nghị nghiên cứu, tham mưu văn bản trả lời.',
  'Phối hợp triển khai thực hiện theo quy định.',
  'Lưu, để biết.',
];

export function savedPhrases(storage: Pick<Storage, 'getItem'> | null): string[] {
  try {
    const v = JSON.parse(storage?.getItem('eoffice.phrases') ?? 'null');
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : DEFAULT_PHRASES;
  } catch {
    return DEFAULT_PHRASES;
  }
}

export function rememberPhrase(storage: Pick<Storage, 'getItem' | 'setItem'> | null, phrase: string): string[] {
  const p = phrase.trim();
  const list = savedPhrases(storage);
  if (!p || list.includes(p)) return list;
  const next = [p, ...list].slice(0, 12);
  storage?.setItem('eoffice.phrases', JSON.stringify(next));
  return next;
}
