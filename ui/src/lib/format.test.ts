import { describe, expect, it } from 'vitest';
import { arrivalNumber, code, isoDate, secrecyLabel, setVocabulary, snippetParts, stateLabel, urgencyLabel, urgentFirst, vnDate, vnDateTime, vnIsoDay, viCompare } from './format';
import type { ListItem } from './bindings';

describe('dates (ui.md: dd/mm/yyyy)', () => {
  it('formats ISO dates', () => {
    expect(vnDate('2026-01-05')).toBe('05/01/2026');
    expect(vnDate(null)).toBe('');
  });
  it('parses typed dates and rejects impossible ones', () => {
    expect(isoDate('5/1/2026')).toBe('2026-01-05');
    expect(isoDate('29/02/2024')).toBe('2024-02-29');
    expect(isoDate('29/02/2026')).toBeNull();
    expect(isoDate('2026-01-05')).toBeNull();
  });
});

describe('numbers and urgency', () => {
  it('shows the number and symbol as printed', () => {
    expect(code('05', 'QĐ-UBND')).toBe('05/QĐ-UBND');
    expect(code(null, null)).toBe('');
  });
  it('says a registration waits for the server when it has no number yet', () => {
    expect(arrivalNumber(null)).toBe('chờ cấp số');
    expect(arrivalNumber('07')).toBe('07');
  });
  it('names priorities, secrecy and states from the vocabulary it is given', () => {
    setVocabulary({ Urgency: ['u0', 'u1', 'u2'], Secrecy: [{ Code: 'mat', Label: 'M' }], States: [{ Code: 'registered', Label: 'R' }] });
    expect([0, 2, 9].map(urgencyLabel)).toEqual(['u0', 'u2', 'u0']);
    expect([secrecyLabel('mat'), secrecyLabel('x')]).toEqual(['M', 'x']);
    expect([stateLabel('registered'), stateLabel('y')]).toEqual(['R', 'y']);
  });
  it('puts urgent documents first', () => {
    const item = (n: string, p: number) => ({ ArrivalNumber: n, Priority: p }) as ListItem;
    expect(urgentFirst([item('01', 0), item('02', 3), item('03', 1), item('10', 0)]).map((i) => i.ArrivalNumber)).toEqual(['02', '03', '01', '10']);
    const pending = { ArrivalNumber: null, Priority: 0 } as ListItem;
    expect(urgentFirst([item('02', 0), pending]).map((i) => i.ArrivalNumber)).toEqual([null, '02']);
  });
});

describe('Vietnamese collation', () => {
  it('orders đ after d and ă after a', () => {
    const words = ['Đà Lạt', 'Dương', 'Ăn', 'An', 'Bắc'];
    expect([...words].sort(viCompare)).toEqual(['An', 'Ăn', 'Bắc', 'Dương', 'Đà Lạt']);
  });
});

describe('snippets', () => {
  it('splits marks into parts and never yields HTML', () => {
    expect(snippetParts('…cung cấp <mark>dịch</mark> vụ &lt;b&gt;')).toEqual([
      { text: '…cung cấp ', hit: false },
      { text: 'dịch', hit: true },
      { text: ' vụ <b>', hit: false },
    ]);
  });
});

describe('Vietnam time', () => {
  it('shows times and dates in UTC+7', () => {
    expect(vnDateTime('2026-12-01T17:05:00Z')).toBe('00:05 02/12/2026');
    expect(vnDateTime('2026-12-02T06:33:20.871+07:00')).toBe('06:33 02/12/2026');
    expect(vnDateTime('not a time')).toBe('not a time');
    const t = Date.parse('2026-12-01T17:30:00Z');
    expect(vnIsoDay(t)).toBe('2026-12-02');
    expect(vnIsoDay(t, 1)).toBe('2026-12-03');
  });
});
