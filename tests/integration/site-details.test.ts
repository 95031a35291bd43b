import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  API_BASE,
  AUDIT_EVENT_SUBJECTS,
  DEMO_SITE,
  type AuditEntry,
  type SiteDetails,
} from '../../src/schema/index.js';
import { bearer, loginAs } from './helpers/auth.js';
import { codeOf, requestJson } from './helpers/json-request.js';
import { startTestServer, type TestServer } from './helpers/test-server.js';

/**
 * The dealer's name, address and phone, printed on every customer copy:
 * everyone at the site reads them, only the site admin changes them, a bad
 * value changes nothing, and each change is in the audit log.
 */
describe("the site's dealer details", () => {
  let server: TestServer;
  let admin: Record<string, string>;
  let advisor: Record<string, string>;
  const site = () => `${server.baseUrl}${API_BASE}/site`;
  const change = (headers: Record<string, string>, body: unknown) =>
    requestJson<SiteDetails>(`${server.baseUrl}${API_BASE}/admin/site`, {
      method: 'PUT',
      headers,
      body,
    });

  beforeAll(async () => {
    server = await startTestServer();
    admin = bearer((await loginAs(server.baseUrl, 'admin', 'office-pc')).accessToken);
    advisor = bearer((await loginAs(server.baseUrl, 'advisor1')).accessToken);
  });
  afterAll(() => server.stop());

  it('are read by everyone at the site, as seeded', async () => {
    const answer = await requestJson<SiteDetails>(site(), { headers: advisor });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ...DEMO_SITE });
    expect((await requestJson(site())).status).toBe(401);
  });

  it('are changed by the site admin only, and a bad value changes nothing', async () => {
    const wanted = {
      name: 'Demo Motors 演示经销商',
      address: '上海市 1 号',
      phone: '021-5555 0000',
    };
    const refused = await change(advisor, wanted);
    expect(refused.status).toBe(403);
    for (const bad of [
      { ...wanted, phone: 'call us' },
      { ...wanted, name: '   ' },
      { ...wanted, address: 'x'.repeat(201) },
      { name: wanted.name, address: wanted.address },
      { ...wanted, siteId: 'other-site' },
    ]) {
      const answer = await change(admin, bad);
      expect(answer.status, JSON.stringify(bad)).toBe(422);
      expect(codeOf(answer)).toBe('SCHEMA_INVALID');
    }
    expect((await requestJson<SiteDetails>(site(), { headers: advisor })).body).toEqual({
      ...DEMO_SITE,
    });

    const changed = await change(admin, { ...wanted, address: '  上海市 1 号 ' });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ id: DEMO_SITE.id, ...wanted });
    expect((await requestJson<SiteDetails>(site(), { headers: advisor })).body).toEqual(
      changed.body,
    );

    const audit = await requestJson<{ entries: AuditEntry[] }>(
      `${server.baseUrl}${API_BASE}/admin/audit?collection=${AUDIT_EVENT_SUBJECTS.sites}`,
      { headers: admin },
    );
    expect(
      audit.body.entries.map((entry) => [entry.action, entry.username, entry.changedFields]),
    ).toEqual([['site-changed', 'admin', ['address', 'phone']]]);
    expect(audit.body.entries[0]?.written).toEqual({
      address: wanted.address,
      phone: wanted.phone,
    });
  });
});
