/**
 * States of synced records this tablet has pushed without hearing back. A
 * push whose answer is lost (the tab closed, the connection dropped) may still
 * have been stored by the server; if the server later shows one of these
 * states as its own, it is this tablet's earlier write — an ancestor of what
 * the tablet holds now — and not someone else's edit. Kept in the tablet's
 * database (one RxDB local document per collection), so a closed tab remembers.
 */
import { canonicalJson, sha256Hex, toWireState } from '../schema/index.js';
import type { LaneDatabase } from './create-database.js';

interface Identified {
  id: string;
}

/** Record id → fingerprints of the states pushed for it and not yet answered. */
type SentByRecord = Record<string, readonly string[]>;

interface SentStatesData {
  records: SentByRecord;
}

/** A record pushed again and again, every answer lost, keeps its latest states only. */
const MAX_STATES_PER_RECORD = 20;
const CREATE_ATTEMPTS = 3;

export interface SentStates {
  /** Before a push goes out. */
  remember(documents: readonly object[]): Promise<void>;
  /** Whether this tablet pushed exactly this state of the record and has not heard back since. */
  wasSent(document: object): Promise<boolean>;
  /** The server answered pushes of these records: what it holds now is known. */
  forget(ids: readonly string[]): Promise<void>;
}

export function sentStatesOf(database: LaneDatabase, collection: string): SentStates {
  const localId = `sent-states--${collection}`;

  async function read(): Promise<SentByRecord> {
    const document = await database.getLocal<SentStatesData>(localId);
    return document?.toJSON().data.records ?? {};
  }

  async function change(update: (records: SentByRecord) => SentByRecord): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const document = await database.getLocal<SentStatesData>(localId);
      if (document) {
        await document.incrementalModify((data) => ({ records: update({ ...data.records }) }));
        return;
      }
      try {
        await database.insertLocal<SentStatesData>(localId, { records: update({}) });
        return;
      } catch (error) {
        // Another tab created it meanwhile: change that one.
        if (attempt >= CREATE_ATTEMPTS) throw error;
      }
    }
  }

  return {
    async remember(documents) {
      const fingerprints = await Promise.all(
        documents.map(async (document) => [idOf(document), await fingerprint(document)] as const),
      );
      const known = await read();
      // A push retried while offline sends the same states again: nothing new to store.
      if (fingerprints.every(([id, state]) => known[id]?.includes(state))) return;
      await change((records) => {
        for (const [id, state] of fingerprints) {
          const states = records[id] ?? [];
          if (!states.includes(state))
            records[id] = [...states, state].slice(-MAX_STATES_PER_RECORD);
        }
        return records;
      });
    },
    async wasSent(document) {
      const known = (await read())[idOf(document)];
      return known !== undefined && known.includes(await fingerprint(document));
    },
    async forget(ids) {
      const records = await read();
      if (!ids.some((id) => id in records)) return;
      const gone = new Set(ids);
      await change((current) =>
        Object.fromEntries(Object.entries(current).filter(([id]) => !gone.has(id))),
      );
    },
  };
}

function idOf(document: object): string {
  return (document as Identified).id;
}

/** The state as it travels, so the server's copy of it gives the same fingerprint. */
function fingerprint(document: object): Promise<string> {
  return sha256Hex(canonicalJson(toWireState(document)));
}
