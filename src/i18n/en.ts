import { checkInTexts } from '../features/check-in/texts.js';
import { damageTexts } from '../features/damage/texts.js';
import { pdfTexts } from '../features/pdf/texts.js';
import { signatureTexts } from '../features/signatures/texts.js';
import type { Texts } from './feature-texts.js';
import { photoTexts } from '../features/photos/texts.js';
import { sessionTexts } from '../features/session/texts.js';
import { adminTexts } from '../features/admin/texts.js';
import { addedWorkTexts } from '../features/added-work/texts.js';
import { workshopTexts } from '../features/workshop/texts.js';
import { orderTexts } from '../features/orders/texts.js';

/** English texts. zh-CN.ts must have exactly the same keys (a unit test checks). */
export const en = {
  app: {
    title: 'Service Lane',
    signedInAs: 'Signed in as {{name}} ({{role}})',
    close: 'Close',
    loadingScreen: 'Opening the screen…',
  },
  language: { label: 'Language', en: 'English', zh: '中文' },
  sync: {
    online: 'Online',
    offline: 'Offline',
    pending_one: '{{count}} change not yet on server',
    pending_other: '{{count}} changes not yet on server',
    allOnServer: 'All changes on server',
    lastSync: 'Last sync {{time}}',
    neverSynced: 'Not synced yet',
    problem: 'Sync problem',
    statusLabel: 'Sync status',
    refused_one: '{{count}} change refused by the server',
    refused_other: '{{count}} changes refused by the server',
    refusedTitle: 'Not accepted by the server',
    signInToSend_one: '{{names}}: sign in again to send your changes',
    signInToSend_other: '{{names}}: sign in again to send your changes',
    refusedKept: 'It is kept on this tablet. Correct the record to send it again.',
    sending: 'Sending {{done}} of {{total}} changes',
    receiving: 'Receiving {{done}} of {{total}} records',
    secondsLeft: 'about {{seconds}} s left',
    minutesLeft: 'about {{minutes}} min left',
  },
  update: {
    available: 'A new version of the app is ready.',
    reload: 'Update now',
    later: 'Later',
  },
  storage: {
    usage: 'Storage used: {{used}} of {{quota}}',
    persisted: 'Kept safe by the browser',
    notPersisted: 'The browser may clear this storage when space is low',
  },
  orders: {
    today: "Today's repair orders",
    empty: 'No repair orders yet today.',
    open: 'Open order',
    loading: 'Loading orders…',
    search: 'Search by plate, order no. or customer',
  },
  order: {
    back: 'Back to orders',
    // Each language named in itself, as the customer reads it.
    customerLanguages: { 'zh-CN': '中文', en: 'English' },
    heading: 'Repair order {{number}}',
    notFound: 'This repair order is not on this tablet.',
    conflictsTitle: 'Edits kept from a sync conflict',
    conflictLine: '{{field}}: "{{lost}}" by {{by}} was replaced by "{{kept}}"',
    sections: {
      customer: 'Customer',
      vehicle: 'Vehicle',
    },
    fields: {
      customerName: 'Customer name',
      customerPhone: 'Phone',
      customerLanguage: "Customer's copies in",
      plate: 'Plate',
      vin: 'VIN',
      vinHint: '17 characters, no I, O or Q',
      model: 'Model',
      colour: 'Colour',
      odometer: 'Odometer (km)',
      concern: "Customer's concern, in the customer's own words",
      concernHint: 'What happens, when, how often, under what conditions',
      status: 'Status',
    },
  },
  status: {
    draft: 'Draft',
    'checked-in': 'Checked in',
    'in-workshop': 'In workshop',
    ready: 'Ready for delivery',
    delivered: 'Delivered',
    cancelled: 'Cancelled',
  },
  damage: damageTexts.en,
  checkIn: checkInTexts.en,
  photos: photoTexts.en,
  signatures: signatureTexts.en,
  pdf: pdfTexts.en,
  session: sessionTexts.en,
  admin: adminTexts.en,
  addedWork: addedWorkTexts.en,
  workshop: workshopTexts.en,
  orderStatus: orderTexts.en,
  errors: {
    title: 'Not saved',
  },
};

/** The shape every language must have, with strings in place of the English texts. */
export type Translation = Texts<typeof en>;
