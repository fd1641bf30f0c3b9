// Presentation rules from ui.md: dates dd/mm/yyyy, numbers as printed,
// urgency as a word and a colour, Vietnamese collation.
import type { CodeLabel, ListItem, Vocabulary } from './bindings';

/** YYYY-MM-DD → dd/mm/yyyy; anything else unchanged. */
export function vnDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

/** dd/mm/yyyy (or d/m/yyyy) → YYYY-MM-DD, or null when it is not a date. */
export function isoDate(vn: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(vn);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `215/UBND-KGVX`, as printed after "Số:". */
/** Số đến as shown; a registration waiting for the server's number says so. */
export function arrivalNumber(n: string | null | undefined): string {
  return n ?? 'chờ cấp số';
}

export function code(number: string | null | undefined, notation: string | null | undefined): string {
  if (!number && !notation) return '';
  return `${number ?? ''}/${notation ?? ''}`;
}

// Display names come from eoffice-domain (the `vocabulary` command), loaded
// once at start-up; the UI keeps no copy of them.
let vocab: Vocabulary = { Urgency: [], Secrecy: [], States: [] };

export function setVocabulary(v: Vocabulary): void {
  vocab = v;
}

/** Urgency names indexed by edXML Priority. */
export function urgencies(): string[] {
  return vocab.Urgency;
}

export function urgencyLabel(priority: number): string {
  return vocab.Urgency[priority] ?? vocab.Urgency[0] ?? '';
}

export function secrecies(): CodeLabel[] {
  return vocab.Secrecy;
}

export function secrecyLabel(code: string): string {
  return vocab.Secrecy.find((s) => s.Code === code)?.Label ?? code;
}

export function states(): CodeLabel[] {
  return vocab.States;
}

export function stateLabel(code: string): string {
  return vocab.States.find((s) => s.Code === code)?.Label ?? code;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/** Vietnamese order (a ă â b … d đ …), not code-point order. */
export function viCompare(a: string, b: string): number {
  return collator.compare(a, b);
}

/** Urgent documents first, then by receipt number (work queues, ui.md). */
export function urgentFirst(items: ListItem[]): ListItem[] {
  return [...items].sort((a, b) => b.Priority - a.Priority || (a.ArrivalNumber ?? '').localeCompare(b.ArrivalNumber ?? '', 'vi', { numeric: true }));
}

/** Splits a snippet with <mark> into plain parts, so it is rendered as
 * text nodes and never as HTML. */
export function snippetParts(snippet: string): { text: string; hit: boolean }[] {
  const unescape = (s: string) =>
    s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  const parts: { text: string; hit: boolean }[] = [];
  const re = /<mark>(.*?)<\/mark>/g;
  let last = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > last) parts.push({ text: unescape(snippet.slice(last, m.index)), hit: false });
    parts.push({ text: unescape(m[1]), hit: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) parts.push({ text: unescape(snippet.slice(last)), hit: false });
  return parts;
}

const VN_OFFSET_MS = 7 * 3600_000;
const pad2 = (n: number) => String(n).padStart(2, '0');

/** An RFC 3339 time as `HH:mm dd/mm/yyyy` in Vietnam time (UTC+7). */
export function vnDateTime(at: string): string {
  const d = new Date(new Date(at).getTime() + VN_OFFSET_MS);
  if (Number.isNaN(d.getTime())) return at;
  return `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())} ${pad2(d.getUTCDate())}/${pad2(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** Vietnam's date (YYYY-MM-DD) `days` after now. */
export function vnIsoDay(now: number, days = 0): string {
  return new Date(now + VN_OFFSET_MS + days * 86_400_000).toISOString().slice(0, 10);
}
