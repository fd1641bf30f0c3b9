// The registration form's state: filled from intake, checked before it is
// sent. The server checks again; this only gives the clerk early,
// Vietnamese answers while typing.
import type { DocumentFields, IntakeResult, NextNumber, RegisterInput } from './bindings';
import { isoDate, vnDate } from './format';

export const LOW_CONFIDENCE = 0.8;

export type Form = {
  CodeNumber: string; CodeNotation: string; TypeName: string; IssuedDate: string; Place: string;
  OrganName: string; ParentOrganName: string; Subject: string;
  Competence: string; Position: string; FullName: string;
  Priority: number; Secrecy: string; To: string; ToPlaces: string; PageAmount: string;
  ArrivalDate: string;
};

/** Form fields in the order of the incoming book (ui.md, Registration). */
export const FIELD_ORDER: (keyof Form)[] = [
  'ArrivalDate', 'OrganName', 'CodeNumber', 'CodeNotation', 'IssuedDate', 'TypeName', 'Subject',
  'Priority', 'Secrecy', 'ParentOrganName', 'Place', 'Competence', 'Position', 'FullName', 'To', 'ToPlaces', 'PageAmount',
];

export function emptyForm(today: string): Form {
  return {
    CodeNumber: '', CodeNotation: '', TypeName: '', IssuedDate: '', Place: '', OrganName: '', ParentOrganName: '',
    Subject: '', Competence: '', Position: '', FullName: '', Priority: 0, Secrecy: '', To: '', ToPlaces: '',
    PageAmount: '', ArrivalDate: vnDate(today),
  };
}

export function fromIntake(r: IntakeResult, today: string): Form {
  return {
    CodeNumber: r.CodeNumber ?? '', CodeNotation: r.CodeNotation ?? '', TypeName: r.TypeName ?? '',
    IssuedDate: vnDate(r.IssuedDate), Place: r.Place ?? '', OrganName: r.OrganName ?? '',
    ParentOrganName: r.ParentOrganName ?? '', Subject: r.Subject ?? '',
    Competence: r.SignerInfo.Competence ?? '', Position: r.SignerInfo.Position ?? '', FullName: r.SignerInfo.FullName ?? '',
    Priority: r.Priority, Secrecy: r.Secrecy ?? '', To: r.To.map((o) => o.OrganName).join('; '),
    ToPlaces: r.ToPlaces.join('; '), PageAmount: r.PageAmount ? String(r.PageAmount) : '', ArrivalDate: vnDate(today),
  };
}

/**
 * Folds an OCR reading that finished while the clerk was already typing
 * into the form: what the clerk typed stays, every other field takes the
 * reading. The arrival date is the clerk's, never the scan's.
 */
export function mergeOcr(form: Form, typed: Set<keyof Form>, r: IntakeResult, today: string): Form {
  const read = fromIntake(r, today);
  const out = { ...form };
  for (const k of FIELD_ORDER) {
    if (k === 'ArrivalDate' || typed.has(k)) continue;
    (out as Record<string, unknown>)[k] = read[k];
  }
  return out;
}

/** Form fields whose pre-filled value intake was unsure of. */
export function uncertain(r: IntakeResult | null): Set<keyof Form> {
  const out = new Set<keyof Form>();
  if (!r || r.NeedsOcr) return out;
  const map: Record<string, (keyof Form)[]> = {
    CodeNumber: ['CodeNumber'], CodeNotation: ['CodeNotation'], TypeName: ['TypeName'], IssuedDate: ['IssuedDate'],
    Place: ['Place'], OrganName: ['OrganName'], ParentOrganName: ['ParentOrganName'], Subject: ['Subject'],
    SignerInfo: ['Competence', 'Position', 'FullName'], ToPlaces: ['ToPlaces'], To: ['To'], Priority: ['Priority'],
  };
  for (const [k, fields] of Object.entries(map)) {
    const c = r.Confidence[k];
    const missing = k === 'SignerInfo' ? !r.SignerInfo.FullName : (r as unknown as Record<string, unknown>)[k] == null;
    if ((c !== undefined && c < LOW_CONFIDENCE) || (missing && ['CodeNumber', 'OrganName', 'Subject', 'IssuedDate'].includes(k))) {
      fields.forEach((f) => out.add(f));
    }
  }
  return out;
}

const list = (s: string) => s.split(';').map((x) => x.trim()).filter(Boolean);
const opt = (s: string) => (s.trim() === '' ? null : s.trim().replace(/\s+/g, ' '));

/** Vietnamese messages by field; empty when the form can be sent. */
export function validate(f: Form): Partial<Record<keyof Form, string>> {
  const e: Partial<Record<keyof Form, string>> = {};
  if (!f.OrganName.trim()) e.OrganName = 'Chưa nhập tác giả (cơ quan ban hành).';
  if (!f.Subject.trim()) e.Subject = 'Chưa nhập trích yếu.';
  if (!isoDate(f.ArrivalDate)) e.ArrivalDate = 'Ngày đến phải có dạng dd/mm/yyyy.';
  if (f.IssuedDate.trim() && !isoDate(f.IssuedDate)) e.IssuedDate = 'Ngày văn bản phải có dạng dd/mm/yyyy.';
  const a = isoDate(f.ArrivalDate), i = isoDate(f.IssuedDate);
  if (a && i && i > a) e.IssuedDate = 'Ngày văn bản không thể sau ngày đến.';
  if (f.CodeNumber.trim() && !/^\d+[a-z]?$/.test(f.CodeNumber.trim())) e.CodeNumber = 'Số chỉ gồm chữ số, có thể thêm một chữ cái thường (15a).';
  if (/\s/.test(f.CodeNotation.trim())) e.CodeNotation = 'Ký hiệu không được có dấu cách.';
  if (!!f.CodeNumber.trim() !== !!f.CodeNotation.trim()) e.CodeNotation = 'Cần nhập cả số và ký hiệu.';
  if (f.PageAmount.trim() && !/^[1-9]\d*$/.test(f.PageAmount.trim())) e.PageAmount = 'Số trang phải là số dương.';
  return e;
}

export function toInput(f: Form, allowDuplicate: boolean): RegisterInput {
  const fields: DocumentFields = {
    CodeNumber: opt(f.CodeNumber), CodeNotation: opt(f.CodeNotation), TypeName: opt(f.TypeName),
    IssuedDate: f.IssuedDate.trim() ? isoDate(f.IssuedDate) : null, Place: opt(f.Place), OrganName: opt(f.OrganName),
    ParentOrganName: opt(f.ParentOrganName), Subject: opt(f.Subject),
    SignerInfo: { Competence: opt(f.Competence), Position: opt(f.Position), FullName: opt(f.FullName) },
    Priority: f.Priority, Secrecy: opt(f.Secrecy), To: list(f.To).map((n) => ({ OrganId: null, OrganName: n })),
    ToPlaces: list(f.ToPlaces), PageAmount: f.PageAmount.trim() ? Number(f.PageAmount) : null,
  };
  return { Fields: fields, ArrivalDate: isoDate(f.ArrivalDate), InsertAfter: null, AllowDuplicate: allowDuplicate };
}

/** How the form shows the number the app says the registration will take. */
export function expectedLabel(n: NextNumber | null): string {
  if (!n) return '—';
  if (n.FromServer) return 'do máy chủ cấp';
  if (n.Closed) return `${n.BookName} đã khóa`;
  return n.Number ?? '—';
}

/** The form field an app error names (`details.Field`, as `--set` names it). */
export function fieldOfError(details: unknown): keyof Form | null {
  const field = (details as { Field?: unknown } | null)?.Field;
  const byName: Record<string, keyof Form> = {
    Priority: 'Priority', Secrecy: 'Secrecy', PageAmount: 'PageAmount', Subject: 'Subject', OrganName: 'OrganName',
    CodeNumber: 'CodeNumber', CodeNotation: 'CodeNotation', IssuedDate: 'IssuedDate', TypeName: 'TypeName',
  };
  return typeof field === 'string' ? byName[field] ?? null : null;
}
