import { describe, expect, it } from 'vitest';
import { defaultSelection, recipientLine, statusTone } from './exchange';
import type { ExchangeOrgan, RecipientStatus } from './bindings';

const organ = (id: string, name: string, route = 'province'): ExchangeOrgan => ({ OrganId: id, Name: name, Address: '', Email: '', Route: route });
const rec = (p: Partial<RecipientStatus>): RecipientStatus => ({
  OrganId: '000.00.17.H37', OrganName: 'Sở TTTT', Route: 'province', SentAt: '2026-12-02T08:00:00+07:00', Attempts: 1, LastError: null,
  StatusCode: null, StatusLabel: 'Chưa có phản hồi', StatusAt: null, StatusNote: null, History: [], ...p,
});

describe('exchange', () => {
  it('ticks the directory organs the document names, whatever the case', () => {
    const organs = [organ('000.00.17.H37', 'Sở Thông tin và Truyền thông'), organ('000.00.41.H37', 'UBND huyện Cao Lộc', 'gateway')];
    expect(defaultSelection(organs, ['ubnd huyện cao lộc ', 'Nơi khác'])).toEqual(['000.00.41.H37']);
    expect(defaultSelection(organs, [])).toEqual([]);
  });

  it('reads a recipient as waiting, received or refused (domain.md §11)', () => {
    expect(statusTone(rec({ StatusCode: '03', StatusLabel: 'Đã tiếp nhận' }))).toBe('ok');
    expect(statusTone(rec({ StatusCode: '02' }))).toBe('bad');
    expect(statusTone(rec({ StatusCode: '01' }))).toBe('wait');
    expect(statusTone(rec({ SentAt: null, LastError: 'mã 18' }))).toBe('bad');
    expect(recipientLine(rec({ StatusCode: '03', StatusLabel: 'Đã tiếp nhận' }))).toBe('Đã tiếp nhận');
    expect(recipientLine(rec({}))).toBe('Đã gửi, chờ phản hồi');
    expect(recipientLine(rec({ SentAt: null }))).toBe('Chưa gửi');
  });
});
