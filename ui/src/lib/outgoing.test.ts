import { describe, expect, it } from 'vitest';
import { actionsFor, batchProgress, draftFileError, outgoingQueuesFor } from './outgoing';
import type { OutgoingDocument, UserSummary } from './bindings';

const user = (Username: string, Role: string): UserSummary => ({ Username, FullName: Username, Role, RoleLabel: Role, UnitCode: 'VP', Disabled: false });

function doc(over: Partial<OutgoingDocument>): OutgoingDocument {
  return {
    Id: 'out-1', Stage: 'drafting', StageLabel: '', TypeName: 'Công văn', TypeCode: null, Normative: false, Subject: 'V/v thử',
    Recipients: [], Author: 'cv', Unit: 'VP', Reviewer: 'tp', Signer: 'ld', Priority: 0, Secrecy: null, MayESign: true,
    SentBackReason: null, Code: null, Number: null, IssuedDate: null, BookId: null, Pdf: 'x', Versions: [], Comments: [],
    Timeline: [], UpdatedAt: '',
    ...over,
  } as OutgoingDocument;
}

describe('outgoing actions per person (domain.md §7)', () => {
  it('offers each step only to the person it belongs to', () => {
    expect(actionsFor(doc({}), user('cv', 'specialist'))).toEqual(['version', 'submit', 'comment']);
    expect(actionsFor(doc({}), user('tp', 'unit_head'))).toEqual(['comment']);
    expect(actionsFor(doc({ Stage: 'in_review' }), user('tp', 'unit_head'))).toEqual(['approve', 'send_back', 'comment']);
    expect(actionsFor(doc({ Stage: 'awaiting_approval' }), user('ld2', 'leader'))).toEqual(['comment']);
    expect(actionsFor(doc({ Stage: 'awaiting_approval', Signer: null }), user('ld2', 'leader'))).toContain('approve');
    expect(actionsFor(doc({ Stage: 'approved' }), user('ld', 'leader'))).toEqual(['sign', 'send_back', 'comment']);
    expect(actionsFor(doc({ Stage: 'signed' }), user('vt', 'clerk'))).toEqual(['issue', 'comment']);
    expect(actionsFor(doc({ Stage: 'issued' }), user('vt', 'clerk'))).toEqual([]);
    expect(actionsFor(doc({}), null)).toEqual([]);
  });

  it('never offers signing a secret document (domain.md §4)', () => {
    const secret = doc({ Stage: 'approved', MayESign: false, Secrecy: 'mat' });
    expect(actionsFor(secret, user('ld', 'leader'))).not.toContain('sign');
    expect(actionsFor(secret, user('vt', 'clerk'))).toContain('issue');
  });

  it('gives the clerk the issue queue and the leader "Chờ ký"', () => {
    expect(outgoingQueuesFor('clerk').map((q) => q.name)).toContain('to_issue');
    expect(outgoingQueuesFor('leader').map((q) => q.name)).toContain('to_sign');
    expect(outgoingQueuesFor('specialist').map((q) => q.name)).not.toContain('to_sign');
  });
});

describe('draft files and progress', () => {
  it('accepts office files and PDF only', () => {
    expect(draftFileError('du-thao.DOCX')).toBeNull();
    expect(draftFileError('a.pdf')).toBeNull();
    expect(draftFileError('a.exe')).toContain('PDF, DOCX');
  });
  it('reports a batch as a fraction and a bounded percentage', () => {
    expect(batchProgress(1, 3)).toEqual({ label: '1 / 3', percent: 33 });
    expect(batchProgress(0, 0).percent).toBe(0);
    expect(batchProgress(5, 3).percent).toBe(100);
  });
});
