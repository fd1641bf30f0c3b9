import { describe, expect, it } from 'vitest';
import { emptyForm, expectedLabel, fieldOfError, fromIntake, toInput, uncertain, validate } from './registration';
import type { IntakeResult } from './bindings';

const intake: IntakeResult = {
  FileName: 'a.pdf', Sha256: 'x', TextLayer: true, NeedsOcr: false, Ocr: false, OcrError: null, LegacyEncoding: null,
  Signatures: null,
  Confidence: { CodeNumber: 0.95, OrganName: 0.9, Subject: 0.6, SignerInfo: 0.85 }, AttachedTo: null, DuplicateOf: null,
  CodeNumber: '215', CodeNotation: 'UBND-KGVX', TypeName: 'Công văn', IssuedDate: '2018-03-05', Place: 'Lạng Sơn',
  OrganName: 'ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN', ParentOrganName: null, Subject: 'V/v triển khai',
  SignerInfo: { Competence: 'KT. CHỦ TỊCH', Position: 'PHÓ CHỦ TỊCH', FullName: 'Lý Vinh Quang' },
  Priority: 1, Secrecy: null, To: [{ OrganId: null, OrganName: 'Các sở, ban, ngành tỉnh' }], ToPlaces: ['Như trên', 'Lưu: VT'], PageAmount: 2,
};

describe('registration form', () => {
  it('is filled from intake with dates as dd/mm/yyyy', () => {
    const f = fromIntake(intake, '2026-12-01');
    expect(f.IssuedDate).toBe('05/03/2018');
    expect(f.ArrivalDate).toBe('01/12/2026');
    expect(f.ToPlaces).toBe('Như trên; Lưu: VT');
    expect(validate(f)).toEqual({});
  });
  it('flags low-confidence fields only', () => {
    const u = uncertain(intake);
    expect(u.has('Subject')).toBe(true);
    expect(u.has('CodeNumber')).toBe(false);
    expect(uncertain({ ...intake, CodeNumber: null, Confidence: {} }).has('CodeNumber')).toBe(true);
  });
  it('explains what is wrong, in Vietnamese', () => {
    const f = { ...emptyForm('2026-12-01'), CodeNumber: '15 a', CodeNotation: 'QĐ UBND', IssuedDate: '31/12/2026', PageAmount: '0' };
    const e = validate(f);
    expect(e.OrganName).toMatch(/tác giả/);
    expect(e.Subject).toMatch(/trích yếu/);
    expect(e.CodeNumber).toMatch(/chữ số/);
    expect(e.CodeNotation).toMatch(/dấu cách/);
    expect(e.IssuedDate).toMatch(/sau ngày đến/);
    expect(e.PageAmount).toBeDefined();
  });
  it('sends ISO dates, lists and nulls for empty fields', () => {
    const input = toInput(fromIntake(intake, '2026-12-01'), false);
    expect(input.ArrivalDate).toBe('2026-12-01');
    expect(input.Fields.IssuedDate).toBe('2018-03-05');
    expect(input.Fields.ToPlaces).toEqual(['Như trên', 'Lưu: VT']);
    expect(input.Fields.ParentOrganName).toBeNull();
    expect(input.Fields.To[0].OrganName).toBe('Các sở, ban, ngành tỉnh');
  });
  it('shows the number the app gives, or why there is none', () => {
    const n = { BookId: 'incoming-2026', BookName: 'Sổ văn bản đến 2026', Number: '07', FromServer: false, Closed: false };
    expect(expectedLabel(n)).toBe('07');
    expect(expectedLabel({ ...n, Number: null, FromServer: true })).toBe('do máy chủ cấp');
    expect(expectedLabel({ ...n, Number: null, Closed: true })).toBe('Sổ văn bản đến 2026 đã khóa');
    expect(expectedLabel(null)).toBe('—');
  });
  it('points an app field error at its form field', () => {
    expect(fieldOfError({ Field: 'Secrecy', Allowed: [] })).toBe('Secrecy');
    expect(fieldOfError({ Field: 'Nope' })).toBeNull();
    expect(fieldOfError(null)).toBeNull();
  });
});

describe('an OCR reading that arrives while the clerk types', () => {
  it('fills what the clerk has not typed and keeps what was typed', async () => {
    const { mergeOcr, emptyForm } = await import('./registration');
    const form = { ...emptyForm('2026-12-02'), Subject: 'Về việc do văn thư gõ', ArrivalDate: '01/12/2026' };
    const r = { ...intake, Subject: 'Về việc đọc từ bản quét', OrganName: 'Sở Y tế', CodeNumber: '15' } as IntakeResult;
    const merged = mergeOcr(form, new Set(['Subject', 'ArrivalDate']), r, '2026-12-02');
    expect(merged.Subject).toBe('Về việc do văn thư gõ');
    expect(merged.ArrivalDate).toBe('01/12/2026');
    expect(merged.OrganName).toBe('Sở Y tế');
    expect(merged.CodeNumber).toBe('15');
  });
});
