import { expect } from 'vitest';
import {
  COLLECTION_NAMES,
  type CollectionName,
  type PullResponse,
  type PushResponse,
} from '../../../src/schema/index.js';
import { loginAs } from './auth.js';
import { registerSignerKey } from './signer-keys.js';
import { SYNC_HEADERS, syncUrl } from './sync-http.js';

/**
 * The demo site's people, each signed in on a tablet of their own with a
 * registered signing key, and their sync requests as a hostile hand-made
 * client sends them: JSON built by hand, over fetch, with that person's own
 * token. `serverState` is what "unchanged" means for the site.
 */
export type Doc = { id: string } & object;

export interface Row {
  newDocumentState: object;
  assumedMasterState?: object;
}

/** A push row of `document` (alive unless `deleted`), built on the stored `assumed` for an edit. */
export function row(document: Doc, assumed?: Doc, deleted = false): Row {
  const newDocumentState = { ...document, _deleted: deleted };
  return assumed
    ? { newDocumentState, assumedMasterState: { ...assumed, _deleted: false } }
    : { newDocumentState };
}

export interface WorkshopSync {
  /** The person's access token, for a request of its own (a live stream). */
  tokenOf(by: string): string;
  push(collection: CollectionName, rows: Row[], by: string): Promise<PushResponse<unknown>>;
  /** Pushes rows that must all be accepted: the scene a refusal is tested in. */
  store(collection: CollectionName, rows: Row[], by: string): Promise<void>;
  pullAll(collection: CollectionName, by: string): Promise<{ documents: Doc[]; last: number }>;
  /** Every record of the site by collection and id, and the highest sequence pulled. */
  serverState(): Promise<{ documents: Map<string, Doc>; last: number }>;
}

export async function signInWorkshop(
  baseUrl: string,
  people: readonly string[],
): Promise<WorkshopSync> {
  const tokens = new Map<string, string>();
  for (const username of people) {
    const login = await loginAs(baseUrl, username, `${username}-tablet`);
    await registerSignerKey(baseUrl, login);
    tokens.set(username, login.accessToken);
  }
  const tokenOf = (by: string) => {
    const token = tokens.get(by);
    if (!token) throw new Error(`${by} is not signed in`);
    return token;
  };
  const headersOf = (by: string) => ({ ...SYNC_HEADERS, authorization: `Bearer ${tokenOf(by)}` });

  async function push(collection: CollectionName, rows: Row[], by: string) {
    const response = await fetch(syncUrl(baseUrl, 'push', collection), {
      method: 'POST',
      headers: headersOf(by),
      body: JSON.stringify(rows),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as PushResponse<unknown>;
  }

  async function pullAll(collection: CollectionName, by: string) {
    const documents: Doc[] = [];
    let last = 0;
    for (;;) {
      const query = new URLSearchParams({ limit: '500', checkpoint: String(last) });
      const response = await fetch(`${syncUrl(baseUrl, 'pull', collection)}?${query}`, {
        headers: headersOf(by),
      });
      const page = (await response.json()) as PullResponse<Doc>;
      documents.push(...page.documents);
      last = page.checkpoint?.sequence ?? last;
      if (page.documents.length < 500) return { documents, last };
    }
  }

  const firstPerson = people[0] ?? 'advisor1';
  return {
    tokenOf,
    push,
    pullAll,
    async store(collection, rows, by) {
      expect(await push(collection, rows, by)).toEqual({ conflicts: [], rejected: [] });
    },
    async serverState() {
      const documents = new Map<string, Doc>();
      let last = 0;
      for (const collection of COLLECTION_NAMES) {
        const pulled = await pullAll(collection, firstPerson);
        for (const document of pulled.documents)
          documents.set(`${collection}/${document.id}`, document);
        last = Math.max(last, pulled.last);
      }
      return { documents, last };
    },
  };
}
