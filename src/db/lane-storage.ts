/**
 * RxDB's storage for the collections the app opens, over the one IndexedDB
 * database of lane-store.ts. Queries are planned by RxDB and walked by
 * lane-query.ts; every write is a LaneTransaction, which is how the app writes a
 * record and its outbox mutation (or a pulled page and its checkpoint)
 * atomically: one IndexedDB transaction over the collections' tables, the
 * outbox and the bookkeeping, with RxDB's live queries told after it
 * commits. Each record is checked against its type's precompiled schema on
 * every write, here and nowhere else (validated-storage.ts).
 *
 * RxDB's own stores (its internal documents, local documents, an older
 * version of a collection while it migrates) stay on RxDB's Dexie storage.
 */
import type { Table } from 'dexie';
import { Subject, type Observable } from 'rxjs';
import {
  addRxStorageMultiInstanceSupport,
  categorizeBulkWriteRows,
  createRevision,
  getPrimaryFieldOfPrimaryKey,
  now,
  type BulkWriteRow,
  type EventBulk,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageChangeEvent,
  type RxStorageCountResult,
  type RxStorageDefaultCheckpoint,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
  type RxStorageQueryResult,
  type RxStorageWriteError,
} from 'rxdb';
import {
  attachmentObjectId,
  fromDexieToStorage,
  fromStorageToDexie,
  getBooleanIndexes,
  getRxStorageDexie,
} from 'rxdb/plugins/storage-dexie';
import type { LaneStore } from './lane-store.js';
import { laneCount, laneQuery } from './lane-query.js';
import { precompiledValidator } from './validated-storage.js';

type Fields = Record<string, unknown>;
type Doc = RxDocumentData<Fields>;
type Row = BulkWriteRow<Fields>;
type WriteError = RxStorageWriteError<Fields>;
type Changes = EventBulk<RxStorageChangeEvent<Doc>, RxStorageDefaultCheckpoint>;

/** What RxDB may read of a storage's internals: where its rows are. */
interface DexieInternals {
  dexieDb: LaneStore['dexie'];
  dexieTable: Table;
  dexieAttachmentsTable: Table;
  booleanIndexes: string[];
}

/** From this many keys on, a read first asks which of them are stored (see readInTransaction). */
const KEYS_LOOKED_UP_FIRST = 32;

export class LaneStorageInstance implements RxStorageInstance<
  Record<string, unknown>,
  Promise<DexieInternals>,
  object,
  RxStorageDefaultCheckpoint
> {
  readonly primaryPath: string;
  readonly internals: Promise<DexieInternals>;
  readonly options = {};
  private readonly changes$ = new Subject<Changes>();
  private readonly check: (document: unknown) => object[];
  readonly booleanIndexes: string[];
  closed = false;

  constructor(
    readonly store: LaneStore,
    readonly databaseName: string,
    readonly collectionName: string,
    readonly schema: Readonly<RxJsonSchema<Doc>>,
    /** The database's token: RxDB's revisions name the database that wrote them. */
    readonly databaseToken: string,
  ) {
    this.primaryPath = getPrimaryFieldOfPrimaryKey(schema.primaryKey);
    this.booleanIndexes = getBooleanIndexes(schema);
    const check = precompiledValidator(schema);
    if (!check)
      throw new Error(`no precompiled validator for ${collectionName}: npm run build:validators`);
    this.check = check;
    this.internals = Promise.resolve({
      dexieDb: store.dexie,
      dexieTable: store.docs(collectionName),
      dexieAttachmentsTable: store.attachments(collectionName),
      booleanIndexes: this.booleanIndexes,
    });
  }

  get table(): Table {
    return this.store.docs(this.collectionName);
  }

  /** The tables a write of this collection touches (its attachments' only if it has any). */
  get tables(): Table[] {
    return this.schema.attachments
      ? [this.table, this.store.attachments(this.collectionName)]
      : [this.table];
  }

  /** RxDB's writes (inserts, upserts, removes, migrations): a transaction of their own. */
  async bulkWrite(rows: Row[], context: string): Promise<RxStorageBulkWriteResponse<Fields>> {
    this.ensureOpen();
    let response: RxStorageBulkWriteResponse<Fields> = { error: [] };
    await transact(
      this.store,
      async (transaction) => {
        response = await transaction.writeRows(this, rows, context);
      },
      { collections: [this] },
    );
    return response;
  }

  /**
   * Reads these documents inside the running IndexedDB transaction. Many keys
   * (a pulled page) are first looked up as keys alone, in one request over
   * their range, and only those stored are read: IndexedDB costs about the
   * same per request whatever it returns, and a page is mostly new records.
   */
  async readInTransaction(keys: readonly string[]): Promise<Map<string, Doc>> {
    const rows = await this.table.bulkGet(
      keys.length < KEYS_LOOKED_UP_FIRST ? [...keys] : await this.storedAmong(keys),
    );
    const found = new Map<string, Doc>();
    for (const row of rows) {
      if (!row) continue;
      const document = fromDexieToStorage<Record<string, unknown>>(this.booleanIndexes, row) as Doc;
      found.set(String(document[this.primaryPath]), document);
    }
    return found;
  }

  private async storedAmong(keys: readonly string[]): Promise<string[]> {
    const sorted = [...keys].sort();
    const [first, last] = [sorted[0], sorted.at(-1)];
    if (first === undefined || last === undefined) return [];
    const inRange = await this.table.where(':id').between(first, last, true, true).primaryKeys();
    const wanted = new Set(keys);
    return inRange.map(String).filter((key) => wanted.has(key));
  }

  /** Checks and stores rows inside the running transaction; their events wait for the commit. */
  async writeInTransaction(
    rows: readonly Row[],
    context: string,
    {
      strict = false,
      stored: known,
    }: {
      strict?: boolean;
      /** What `read` found of every row's key earlier in this same transaction. */
      stored?: ReadonlyMap<string, Doc>;
    } = {},
  ): Promise<{ errors: WriteError[]; changes: Changes | undefined }> {
    const invalid: WriteError[] = [];
    const valid: Row[] = [];
    for (const row of rows) {
      const validationErrors = this.check(row.document);
      if (validationErrors.length === 0) valid.push(row);
      else
        invalid.push({
          status: 422,
          isError: true,
          documentId: String(row.document[this.primaryPath]),
          validationErrors: validationErrors as never,
          schema: this.schema,
          writeRow: row,
          context,
        } as WriteError);
    }
    // New records in a strict transaction: IndexedDB itself refuses a key that exists
    // (and undoes the whole transaction), so nothing needs reading first.
    const onlyNew = strict && valid.every((row) => row.previous === undefined);
    const stored =
      known ??
      (onlyNew
        ? new Map<string, Doc>()
        : await this.readInTransaction(valid.map((row) => String(row.document[this.primaryPath]))));
    const categorized = categorizeBulkWriteRows<Record<string, unknown>>(
      this as never,
      this.primaryPath as never,
      stored as Map<string, Doc>, // only read
      valid,
      context,
    );
    const documents = [...categorized.bulkInsertDocs, ...categorized.bulkUpdateDocs].map((row) =>
      fromStorageToDexie(this.booleanIndexes, row.document),
    );
    if (documents.length > 0)
      await (onlyNew ? this.table.bulkAdd(documents) : this.table.bulkPut(documents));
    const attachments = this.store.attachments(this.collectionName);
    if (!this.schema.attachments && categorized.attachmentsAdd.length > 0)
      throw new Error(`${this.collectionName} keeps no attachments`);
    const putAttachments = [...categorized.attachmentsAdd, ...categorized.attachmentsUpdate].map(
      (attachment) => ({
        id: attachmentObjectId(attachment.documentId, attachment.attachmentId),
        data: attachment.attachmentData.data,
      }),
    );
    if (putAttachments.length > 0) await attachments.bulkPut(putAttachments);
    if (categorized.attachmentsRemove.length > 0)
      await attachments.bulkDelete(
        categorized.attachmentsRemove.map((attachment) =>
          attachmentObjectId(attachment.documentId, attachment.attachmentId),
        ),
      );
    let changes: Changes | undefined;
    if (categorized.eventBulk.events.length > 0 && categorized.newestRow) {
      const newest = categorized.newestRow.document;
      changes = {
        ...categorized.eventBulk,
        checkpoint: { id: String(newest[this.primaryPath]), lwt: newest._meta.lwt },
      } as Changes;
    }
    return { errors: [...invalid, ...categorized.errors], changes };
  }

  /** Tells RxDB (and the other tabs) what a committed transaction changed. */
  emit(changes: Changes): void {
    if (!this.closed) this.changes$.next(changes);
  }

  /**
   * A write row as RxDB's collection makes one: the document with its layout
   * of RxDB fields, a new revision and the write time.
   */
  row(state: Record<string, unknown>, previous: Doc | undefined, time = now()): Row {
    const document = {
      _attachments: previous?._attachments ?? {},
      ...state,
      _deleted: state._deleted === true,
      _meta: { ...previous?._meta, lwt: time },
      _rev: createRevision(this.databaseToken, previous),
    } as Doc;
    return previous ? { document, previous } : { document };
  }

  async findDocumentsById(ids: string[], withDeleted: boolean): Promise<Doc[]> {
    this.ensureOpen();
    const found = await this.store.dexie.transaction('r', this.table, async () =>
      this.readInTransaction(ids),
    );
    return [...found.values()].filter((document) => withDeleted || !document._deleted);
  }

  query(preparedQuery: PreparedQuery<Record<string, unknown>>): Promise<RxStorageQueryResult<Doc>> {
    this.ensureOpen();
    return laneQuery(this, preparedQuery) as Promise<RxStorageQueryResult<Doc>>;
  }

  async count(
    preparedQuery: PreparedQuery<Record<string, unknown>>,
  ): Promise<RxStorageCountResult> {
    this.ensureOpen();
    if (preparedQuery.queryPlan.selectorSatisfiedByIndex)
      return { count: await laneCount(this, preparedQuery), mode: 'fast' };
    return { count: (await this.query(preparedQuery)).documents.length, mode: 'slow' };
  }

  async getAttachmentData(documentId: string, attachmentId: string): Promise<Blob> {
    this.ensureOpen();
    const attachment = (await this.store
      .attachments(this.collectionName)
      .get(attachmentObjectId(documentId, attachmentId))) as { data: Blob } | undefined;
    if (!attachment) throw new Error(`attachment ${attachmentId} of ${documentId} missing`);
    return attachment.data;
  }

  changeStream(): Observable<Changes> {
    this.ensureOpen();
    return this.changes$.asObservable();
  }

  /** Deleted documents older than `minimumDeletedTime` go for good (a scan: it is rare). */
  async cleanup(minimumDeletedTime: number): Promise<boolean> {
    this.ensureOpen();
    const before = now() - minimumDeletedTime;
    await this.table
      .filter(
        (row: { _deleted?: string; _meta: { lwt: number } }) =>
          row._deleted === '1' && row._meta.lwt < before,
      )
      .delete();
    return true;
  }

  async remove(): Promise<void> {
    this.ensureOpen();
    if (this.store.dexie.isOpen())
      await this.store.dexie.transaction(
        'rw',
        [this.table, this.store.attachments(this.collectionName)],
        async () => {
          await this.table.clear();
          await this.store.attachments(this.collectionName).clear();
        },
      );
    return this.close();
  }

  close(): Promise<void> {
    // The store stays open: it is shared, and closed with the database (create-database.ts).
    if (!this.closed) {
      this.closed = true;
      this.changes$.complete();
    }
    return Promise.resolve();
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error(`the storage of ${this.collectionName} is closed`);
  }
}

/** A write refused as a whole: a strict transaction writes nothing when one row fails. */
export class TransactionRefused extends Error {
  constructor(readonly errors: WriteError[]) {
    super(`${errors.length} records refused (first: status ${errors[0]?.status})`);
  }
}

/**
 * One IndexedDB transaction over the whole store. `work` reads and writes
 * collections through it and may use the store's other tables (the outbox,
 * the bookkeeping) directly; it must await nothing but IndexedDB, or the
 * browser commits the transaction early. With `strict`, any refused row
 * (a conflict, an invalid record) undoes everything and throws
 * TransactionRefused. RxDB's live queries hear of the changes once the
 * transaction has committed.
 */
export async function transact<T>(
  store: LaneStore,
  work: (transaction: LaneTransaction) => Promise<T>,
  {
    strict = false,
    collections,
    tables = [],
  }: {
    strict?: boolean;
    /** The collections written: their tables are the transaction's scope (default: all). */
    collections?: readonly LaneStorageInstance[];
    /** Other tables of the store the work uses (the outbox, the bookkeeping). */
    tables?: readonly Table[];
  } = {},
): Promise<T> {
  const committed: [LaneStorageInstance, Changes][] = [];
  // A narrow scope: IndexedDB sets up and locks only what the work touches.
  const scope = collections
    ? [...collections.flatMap((instance) => instance.tables), ...tables]
    : store.dexie.tables;
  const result = await store.dexie.transaction('rw', scope, async () => {
    committed.length = 0;
    return work(new LaneTransaction(committed, strict));
  });
  for (const [instance, changes] of committed) instance.emit(changes);
  return result;
}

export class LaneTransaction {
  constructor(
    private readonly committed: [LaneStorageInstance, Changes][],
    private readonly strict: boolean,
  ) {}

  read(instance: LaneStorageInstance, keys: readonly string[]): Promise<Map<string, Doc>> {
    return instance.readInTransaction(keys);
  }

  /** `stored`: what `read` returned for every row's key, so nothing is read twice. */
  async writeRows(
    instance: LaneStorageInstance,
    rows: readonly Row[],
    context: string,
    stored?: ReadonlyMap<string, Doc>,
  ): Promise<RxStorageBulkWriteResponse<Fields>> {
    const { errors, changes } = await instance.writeInTransaction(rows, context, {
      strict: this.strict,
      stored,
    });
    if (this.strict && errors.length > 0) throw new TransactionRefused(errors);
    if (changes) this.committed.push([instance, changes]);
    return { error: errors };
  }
}

/** A stored document without RxDB's own fields (`_meta`, `_rev`, `_attachments`, `_deleted`). */
export function recordFieldsOf(document: object): Record<string, unknown> {
  const {
    _meta: _m,
    _rev: _r,
    _attachments: _a,
    _deleted: _d,
    ...fields
  } = document as Record<string, unknown>;
  return fields;
}

/** The lane storage of one of the app's collections, for writes in a LaneTransaction. */
export function storageOf(
  database: { laneStorage: LaneStorage },
  collection: { name: string },
): LaneStorageInstance {
  const instance = database.laneStorage.instances.get(collection.name);
  if (!instance) throw new Error(`${collection.name} is not in the lane store`);
  return instance;
}

/** RxDB's dev-mode asks a storage that checks schemas to say so by its name's prefix. */
export const LANE_STORAGE_NAME = 'validate-lane';

/**
 * The app's RxDB storage: the store's collections at their current schema
 * version here, everything else on RxDB's Dexie storage. `instances` lets
 * the app's writes reach a collection's storage past RxDB's wrappers.
 */
export function laneStorage(store: LaneStore) {
  const fallback = getRxStorageDexie();
  const instances = new Map<string, LaneStorageInstance>();
  const storage: RxStorage<unknown, unknown> & { instances: typeof instances } = {
    name: LANE_STORAGE_NAME,
    rxdbVersion: fallback.rxdbVersion,
    instances,
    async createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, unknown>,
    ): Promise<RxStorageInstance<RxDocType, unknown, unknown>> {
      const ours = store.schemas.get(params.collectionName);
      if (!ours || ours.version !== params.schema.version)
        return fallback.createStorageInstance(params as never) as never;
      const instance = new LaneStorageInstance(
        store,
        params.databaseName,
        params.collectionName,
        params.schema as never,
        params.databaseInstanceToken,
      );
      addRxStorageMultiInstanceSupport(LANE_STORAGE_NAME, params as never, instance as never);
      instances.set(params.collectionName, instance);
      return instance as never;
    },
  };
  return storage;
}

export type LaneStorage = ReturnType<typeof laneStorage>;
