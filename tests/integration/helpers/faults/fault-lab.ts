/**
 * The rig of the fault-injection suite: the sync server as a process that
 * can be killed, three tablet processes running the app, and a faulty link
 * (proxy) between each tablet and the server. Holds them across scenarios.
 */
import fs from 'node:fs/promises';
import {
  API_BASE,
  COLLECTION_NAMES,
  DEMO_SITE,
  SYNC_LIMITS,
  newSignerKeyPair,
  type PullResponse,
} from '../../../../src/schema/index.js';
import { loginAs } from '../auth.js';
import { registerSignerKey } from '../signer-keys.js';
import { signedHeaders, syncUrl } from '../sync-http.js';
import { makeTempDir, seedDemoUsers } from '../test-server.js';
import { FaultProxy } from './fault-proxy.js';
import { TABLET_USERS } from './scenario-plan.js';
import { ServerUnderTest } from './server-under-test.js';
import { SyncLedger } from './sync-ledger.js';
import type { RecordSet } from './sync-invariants.js';
import { TabletHandle } from './tablet-handle.js';
import type { PlainRecord } from './tablet-messages.js';

export class FaultLab {
  ledger = new SyncLedger();
  private readToken = '';
  private group = 0;

  private constructor(
    readonly server: ServerUnderTest,
    readonly tablets: TabletHandle[],
    readonly links: FaultProxy[],
  ) {}

  static async start(): Promise<FaultLab> {
    const server = new ServerUnderTest(await makeTempDir());
    const tablets = TABLET_USERS.map((user) =>
      TabletHandle.start({ ...user, siteId: DEMO_SITE.id }),
    );
    const links = await Promise.all(tablets.map(() => FaultProxy.start(() => server.port)));
    return new FaultLab(server, tablets, links);
  }

  /** The server itself, not through a link; only while it is up. */
  get serverUrl(): string {
    const { port } = this.server;
    if (port === null) throw new Error('the server is down');
    return `http://127.0.0.1:${port}`;
  }

  /**
   * A new data directory with the demo site's users, the server on it, and on
   * each tablet a new, empty app signed in through its link: the next group
   * of scenarios starts from nothing.
   */
  async newGroup(): Promise<void> {
    this.group += 1;
    const previous = this.server.dataDir;
    await this.server.kill();
    const dataDir = await makeTempDir();
    await seedDemoUsers(dataDir);
    this.server.dataDir = dataDir;
    await this.server.start();
    await fs.rm(previous, { recursive: true, force: true });
    this.ledger = new SyncLedger();
    await Promise.all(
      this.tablets.map(async (tablet, index) => {
        const device = `${tablet.name}-${this.group}`;
        const login = await loginAs(this.serverUrl, tablet.identity.username, device);
        // As at a first sign-in on a tablet: the person's signing key, registered for it.
        const pair = await newSignerKeyPair(true);
        await registerSignerKey(this.serverUrl, login, pair);
        const privateKeyJwk = await globalThis.crypto.subtle.exportKey('jwk', pair.privateKey);
        const link = this.links[index] as FaultProxy;
        await tablet.send({
          kind: 'open',
          database: `${tablet.name}-${process.pid}-${this.group}`,
          baseUrl: link.baseUrl,
          accessToken: login.accessToken,
          signer: { keyId: pair.keyId, privateKeyJwk },
        });
      }),
    );
    this.readToken = (
      await loginAs(this.serverUrl, 'advisor1', `fault-lab-${this.group}`)
    ).accessToken;
  }

  /** Every record of the demo site, per collection, as the server holds it. */
  async serverRecords(): Promise<RecordSet> {
    const headers = await signedHeaders(this.serverUrl, this.readToken);
    const pages = await Promise.all(
      COLLECTION_NAMES.map(
        async (collection) => [collection, await this.pullAll(collection, headers)] as const,
      ),
    );
    return Object.fromEntries(pages);
  }

  private async pullAll(
    collection: string,
    headers: Record<string, string>,
  ): Promise<PlainRecord[]> {
    const all: PlainRecord[] = [];
    let checkpoint: number | undefined;
    for (let page = 0; page < 1_000; page += 1) {
      const query = new URLSearchParams({ limit: String(SYNC_LIMITS.maxPullLimit) });
      if (checkpoint !== undefined) query.set('checkpoint', String(checkpoint));
      const response = await fetch(`${syncUrl(this.serverUrl, 'pull', collection)}?${query}`, {
        headers,
      });
      if (response.status !== 200)
        throw new Error(`pull ${collection}: ${response.status} ${await response.text()}`);
      const body = (await response.json()) as PullResponse<PlainRecord>;
      all.push(...body.documents);
      checkpoint = body.checkpoint?.sequence ?? checkpoint;
      if (body.documents.length < SYNC_LIMITS.maxPullLimit) break;
    }
    return all;
  }

  /** Whether the server holds this blob (a signature's image) for the demo site. */
  async serverHasBlob(sha256: string): Promise<boolean> {
    const response = await fetch(`${this.serverUrl}${API_BASE}/blobs/${sha256}`, {
      method: 'HEAD',
      headers: await signedHeaders(this.serverUrl, this.readToken),
    });
    return response.status === 200;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.tablets.map((tablet) => tablet.stop()));
    await Promise.allSettled(this.links.map((link) => link.close()));
    await this.server.stop();
    await fs.rm(this.server.dataDir, { recursive: true, force: true });
  }
}
