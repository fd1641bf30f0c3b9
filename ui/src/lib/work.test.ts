import { describe, expect, it } from 'vitest';
import { assignInput, emptyAssignForm, queuesFor, rememberPhrase, savedPhrases, toneLabel, DEFAULT_PHRASES } from './work';

describe('queues by role', () => {
  it('gives a leader the instruction queue and a specialist only their own', () => {
    expect(queuesFor('leader').map((q) => q.name)).toContain('awaiting');
    const spec = queuesFor('specialist').map((q) => q.name);
    expect(spec).not.toContain('awaiting');
    expect(spec).not.toContain('tracking');
    expect(spec[0]).toBe('mine');
  });
});

describe('deadline tone', () => {
  it('says it in words', () => {
    expect(toneLabel('overdue')).toBe('Quá hạn');
    expect(toneLabel('due_soon')).toBe('Sắp đến hạn');
    expect(toneLabel('normal')).toBe('');
    expect(toneLabel(null)).toBe('');
  });
});

describe('assignment form', () => {
  it('needs a lead, distinct parties and a sound deadline', () => {
    const f = emptyAssignForm();
    expect(assignInput(f)).toEqual({ error: 'Chưa chọn đơn vị hoặc người chủ trì.' });
    f.lead = 'VP';
    f.coordinate = ['VP'];
    expect('error' in assignInput(f)).toBe(true);
    f.coordinate = ['TC'];
    f.inform = ['TC'];
    expect('error' in assignInput(f)).toBe(true);
    f.inform = ['phochutich'];
    f.workingDays = '2.5';
    expect('error' in assignInput(f)).toBe(true);
    f.workingDays = '5';
    f.instruction = '  Giao Văn phòng chủ trì ';
    const r = assignInput(f);
    expect(r).toEqual({
      input: {
        Instruction: 'Giao Văn phòng chủ trì',
        Lead: { Who: 'VP', Deadline: null },
        Coordinate: [{ Who: 'TC', Deadline: null }],
        Inform: ['phochutich'],
        Deadline: null,
        WorkingDays: 5,
      },
    });
    f.deadlineMode = 'date';
    f.deadline = '20/12/2026';
    expect('error' in assignInput(f)).toBe(true);
    f.deadline = '2026-12-20';
    expect(assignInput(f)).toMatchObject({ input: { Deadline: '2026-12-20', WorkingDays: null } });
  });
});

describe('saved phrases', () => {
  it('remembers a new instruction first, once', () => {
    const store = new Map<string, string>();
    const s = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    expect(savedPhrases(s)).toEqual(DEFAULT_PHRASES);
    const after = rememberPhrase(s, 'Giao Văn phòng theo dõi');
    expect(after[0]).toBe('Giao Văn phòng theo dõi');
    expect(rememberPhrase(s, 'Giao Văn phòng theo dõi')).toEqual(after);
    store.set('eoffice.phrases', '{broken');
    expect(savedPhrases(s)).toEqual(DEFAULT_PHRASES);
  });
});
