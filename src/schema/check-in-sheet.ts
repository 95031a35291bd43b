import type { ExtractDocumentTypeFromTypedRxJsonSchema } from 'rxdb';
import { conflictEntrySchema, MAX_CONFLICT_ENTRIES } from './conflict-entry.js';
import { orderIdField, recordFields, RECORD_FIELD_NAMES, sha256Field } from './record-fields.js';

/**
 * The check-in sheet (预检表) filled in the walkaround with the customer: one
 * per repair order, its id is the order's id. Readings (odometer, fuel) live
 * on the order itself; everything else the walkaround records is here.
 */
export const CHECKLIST_ITEMS = [
  'exterior',
  'glass',
  'lights',
  'tyresWheels',
  'wipers',
  'interior',
  'onBoardTools',
  'spareWheel',
  'cigaretteLighter',
  'radioClock',
] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export const CHECK_STATUSES = ['unchecked', 'ok', 'not-ok', 'not-applicable'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

export const WARNING_LIGHTS = [
  'engine',
  'abs',
  'airbag',
  'oilPressure',
  'battery',
  'brake',
  'coolant',
  'tyrePressure',
  'stability',
  'glowPlug',
] as const;
export type WarningLight = (typeof WARNING_LIGHTS)[number];

export const VALUABLES_HANDLING = ['none', 'returned', 'left-with-consent'] as const;
export const FOLLOW_UP_CHANNELS = ['phone', 'sms', 'wechat'] as const;
export const WALKAROUND_STEPS = [
  'vehicle',
  'covers',
  'readings',
  'warning-lights',
  'checklist',
  'damage',
  'valuables',
  'wishes',
  'concern',
  'estimate',
  'signature',
] as const;
export type WalkaroundStep = (typeof WALKAROUND_STEPS)[number];

const checkSchema = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: [...CHECK_STATUSES] },
    note: { type: 'string', maxLength: 500 },
    photoIds: { type: 'array', maxItems: 10, items: sha256Field },
  },
  required: ['status', 'note', 'photoIds'],
  additionalProperties: false,
} as const;

export const checkInSheetSchemaLiteral = {
  title: 'check-in sheet',
  description: 'Walkaround check-in sheet (预检表), one per repair order',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...recordFields,
    orderId: orderIdField,
    covers: {
      type: 'object',
      properties: {
        seat: { type: 'boolean' },
        steeringWheel: { type: 'boolean' },
        floorMat: { type: 'boolean' },
      },
      required: ['seat', 'steeringWheel', 'floorMat'],
      additionalProperties: false,
    },
    warningLights: {
      type: 'array',
      maxItems: WARNING_LIGHTS.length,
      items: { type: 'string', enum: [...WARNING_LIGHTS] },
    },
    warningLightsOther: { type: 'string', maxLength: 200 },
    checklist: {
      type: 'object',
      properties: Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item, checkSchema])) as Record<
        ChecklistItem,
        typeof checkSchema
      >,
      required: [...CHECKLIST_ITEMS],
      additionalProperties: false,
    },
    valuables: {
      type: 'object',
      properties: {
        description: { type: 'string', maxLength: 500 },
        handling: { type: 'string', enum: [...VALUABLES_HANDLING] },
      },
      required: ['description', 'handling'],
      additionalProperties: false,
    },
    wishes: {
      type: 'object',
      properties: {
        keepOldParts: { type: 'boolean' },
        wash: { type: 'boolean' },
        engineBayWash: { type: 'boolean' },
        followUpConsent: { type: 'boolean' },
        followUpChannel: { type: 'string', enum: [...FOLLOW_UP_CHANNELS] },
        followUpTime: { type: 'string', maxLength: 100 },
      },
      required: [
        'keepOldParts',
        'wash',
        'engineBayWash',
        'followUpConsent',
        'followUpChannel',
        'followUpTime',
      ],
      additionalProperties: false,
    },
    /** Where the advisor is in the walkaround, so any tablet resumes there. */
    step: { type: 'string', enum: [...WALKAROUND_STEPS] },
    conflicts: { type: 'array', maxItems: MAX_CONFLICT_ENTRIES, items: conflictEntrySchema },
  },
  required: [
    ...RECORD_FIELD_NAMES,
    'orderId',
    'covers',
    'warningLights',
    'warningLightsOther',
    'checklist',
    'valuables',
    'wishes',
    'step',
    'conflicts',
  ],
} as const;

export type CheckInSheet = ExtractDocumentTypeFromTypedRxJsonSchema<
  typeof checkInSheetSchemaLiteral
>;
