import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_BASE, AUDIT_EVENT_SUBJECTS, type AuditEntry } from '../../src/schema/index.js';
import { bearer, loginAs } from './helpers/auth.js';
import { codeOf, requestJson } from './helpers/json-request.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * The admin reads the audit log a page at a time, newest first, and narrows
 * it to one person or one record type: the server pages and filters, so a
 * busy day is never one 24,000 px page on the tablet.
 */
describe('the audit log a page at a time', () => {
  let server: TestServer;
  let authorization: Record<string, string>;
  let everything: AuditEntry[];

  async function page(query: string): Promise<{ status: number; entries: AuditEntry[] }> {
    const answer = await requestJson<{ entries: AuditEntry[] }>(
      `${server.baseUrl}${API_BASE}/admin/audit?${query}`,
      { headers: authorization },
    );
    return { status: answer.status, entries: answer.body.entries };
  }

  const seqs = (entries: AuditEntry[]) => entries.map((entry) => entry.seq);

  beforeAll(async () => {
    server = await startTestServer();
    // Sign-ins of three people make entries of two kinds (tablet enrolments, sign-ins).
    for (const username of ['advisor1', 'tech1', 'advisor1', 'foreman1', 'advisor1']) {
      await loginAs(server.baseUrl, username);
    }
    const admin = await loginAs(server.baseUrl, 'admin', 'office-pc');
    authorization = bearer(admin.accessToken);
    everything = (await page('limit=500')).entries;
    expect(everything.length).toBeGreaterThanOrEqual(10);
  });
  afterAll(() => server.stop());

  it('pages back from the newest to the oldest entry without a gap or a repeat', async () => {
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const { status, entries } = await page(`limit=4${before ? `&before=${before}` : ''}`);
      expect(status).toBe(200);
      if (entries.length === 0) break;
      expect(entries.length).toBeLessThanOrEqual(4);
      // Each page is oldest first, and older than the page before it.
      expect(seqs(entries)).toEqual([...seqs(entries)].sort((a, b) => a - b));
      seen.unshift(...seqs(entries));
      before = entries[0]?.seq;
    }
    expect(seen).toEqual(seqs(everything));
  });

  it("keeps only one person's entries, or one record type's, across pages", async () => {
    const advisor = everything.filter((entry) => entry.username === 'advisor1');
    expect(advisor.length).toBeGreaterThanOrEqual(3);
    const newest = await page('limit=2&username=advisor1');
    expect(seqs(newest.entries)).toEqual(seqs(advisor.slice(-2)));
    const older = await page(`limit=2&username=advisor1&before=${newest.entries[0]?.seq ?? 0}`);
    expect(seqs(older.entries)).toEqual(seqs(advisor.slice(-4, -2)));

    const signIns = everything.filter((entry) => entry.collection === AUDIT_EVENT_SUBJECTS.signIns);
    const onlySignIns = await page(`limit=500&collection=${AUDIT_EVENT_SUBJECTS.signIns}`);
    expect(seqs(onlySignIns.entries)).toEqual(seqs(signIns));
    expect(signIns.length).toBeLessThan(everything.length);

    const both = await page(`limit=500&collection=${AUDIT_EVENT_SUBJECTS.signIns}&username=tech1`);
    expect(both.entries.map((entry) => [entry.username, entry.collection])).toEqual(
      signIns.filter((entry) => entry.username === 'tech1').map(() => ['tech1', 'sign-ins']),
    );
    expect((await page('limit=10&username=nobody-here')).entries).toEqual([]);
  });

  it('refuses a page asked to read forward and back at once, or by an unknown filter, with a code', async () => {
    const answer = await requestJson(`${server.baseUrl}${API_BASE}/admin/audit?after=1&before=5`, {
      headers: authorization,
    });
    expect(answer.status).toBe(422);
    expect(codeOf(answer)).toBe('SCHEMA_INVALID');
    const unknown = await requestJson(`${server.baseUrl}${API_BASE}/admin/audit?since=3`, {
      headers: authorization,
    });
    expect(unknown.status).toBe(422);
    expect(codeOf(unknown)).toBe('SCHEMA_INVALID');
  });
});
