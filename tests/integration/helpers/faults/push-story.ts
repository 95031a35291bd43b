/**
 * For a failure report: every push of one record in the scenario, in the
 * order the links saw them, with what each changed, the faults it met and
 * the server's answer. Read with the replay command, it tells the story.
 */
import { canonicalJson } from '../../../../src/schema/index.js';
import type { PushJournalEntry } from './fault-mix.js';

export interface LinkJournal {
  tablet: string;
  journal: readonly PushJournalEntry[];
}

type Row = {
  newDocumentState: Record<string, unknown>;
  assumedMasterState?: Record<string, unknown> | null;
};

const BOOKKEEPING = new Set(['updatedAt', 'updatedBy', 'conflicts', '_deleted']);

function short(value: unknown): string {
  const text = canonicalJson(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function changes(next: Record<string, unknown>, base: Record<string, unknown> | null | undefined) {
  if (!base) return 'new';
  const fields = Object.keys({ ...next, ...base }).filter(
    (key) => !BOOKKEEPING.has(key) && canonicalJson(next[key]) !== canonicalJson(base[key]),
  );
  return fields.map((key) => `${key}=${short(next[key])}`).join(' ') || 'no field';
}

function parse<T>(text: string | undefined): T | undefined {
  try {
    return text === undefined ? undefined : (JSON.parse(text) as T);
  } catch {
    return undefined;
  }
}

export function pushStory(links: readonly LinkJournal[], recordId: string): string[] {
  const entries = links.flatMap(({ tablet, journal }) =>
    journal.filter((entry) => entry.request.includes(recordId)).map((entry) => ({ tablet, entry })),
  );
  entries.sort((a, b) => a.entry.at - b.entry.at);
  const start = entries[0]?.entry.at ?? 0;
  return entries.flatMap(({ tablet, entry }) => {
    const row = parse<Row[]>(entry.request)?.find(
      (candidate) => candidate.newDocumentState.id === recordId,
    );
    if (!row) return [];
    const next = row.newDocumentState;
    const answer = parse<{ conflicts?: Record<string, unknown>[] }>(entry.answer);
    const conflict = answer?.conflicts?.find((document) => document.id === recordId);
    const outcome =
      entry.status === undefined
        ? 'no answer'
        : conflict
          ? `conflict, server has ${String(conflict.updatedBy)}@${String(conflict.updatedAt)}`
          : `${entry.status} accepted`;
    const faults = entry.faults.length > 0 ? ` [${entry.faults.join(', ')}]` : '';
    return [
      `+${entry.at - start}ms ${tablet}${faults}: ${String(next.updatedBy)}@${String(next.updatedAt)} ${changes(next, row.assumedMasterState)} → ${outcome}`,
    ];
  });
}
