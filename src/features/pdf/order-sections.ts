import { estimateTotals, type RepairOrder } from '../../schema/index.js';
import { A4, MUTED, type PdfLayout } from './pdf-layout.js';
import { fill, formatDate, formatDateTime, formatKm, yuan, type PdfTexts } from './format.js';

/** The dealer as the copy's header names it. */
export interface PdfSite {
  name: string;
  address?: string;
  phone?: string;
}

/** The parts of the customer's copy that come from the repair order itself. */
export function drawHeader(
  layout: PdfLayout,
  texts: PdfTexts,
  header: { site: PdfSite; order: RepairOrder; advisorName?: string },
) {
  const { order, site } = header;
  layout.draw(site.name, A4.margin, layout.y - 10, 10, MUTED);
  layout.y -= 14;
  // Where the customer comes back to and whom they call: the dealer's own address and phone.
  const contact = [
    site.address,
    site.phone ? fill(texts.dealerPhone, { phone: site.phone }) : '',
  ].filter(Boolean);
  if (contact.length > 0) {
    layout.draw(contact.join('  ·  '), A4.margin, layout.y - 9, 8.5, MUTED);
    layout.y -= 13;
  }
  layout.draw(texts.title, A4.margin, layout.y - 16, 16);
  layout.y -= 24;
  layout.fields(
    [
      [texts.orderNumber, order.orderNumber],
      [texts.date, formatDate(order.createdAt)],
      ...(header.advisorName ? [[texts.advisor, header.advisorName] as const] : []),
    ],
    3,
  );
}

export function drawCustomerVehicle(layout: PdfLayout, texts: PdfTexts, order: RepairOrder) {
  const { fields, values } = texts;
  const given = (value: string) => value || values.notGiven;
  layout.heading(texts.sections.customerVehicle);
  layout.fields([
    [fields.customer, given(order.customer.name)],
    [fields.phone, given(order.customer.phone)],
    [fields.plate, given(order.vehicle.plate)],
    [fields.vin, given(order.vehicle.vin)],
    [fields.model, given(order.vehicle.model)],
    [fields.colour, given(order.vehicle.colour)],
  ]);
}

export function drawReadings(layout: PdfLayout, texts: PdfTexts, order: RepairOrder) {
  const { fields, values } = texts;
  layout.heading(texts.sections.readings);
  layout.fields([
    [
      fields.odometer,
      order.odometerKm === undefined
        ? values.notGiven
        : fill(values.km, { value: formatKm(order.odometerKm) }),
    ],
    [
      fields.fuel,
      order.fuelEighths === undefined
        ? values.notGiven
        : fill(values.fuel, { value: order.fuelEighths }),
    ],
  ]);
  if (order.odometerOverrideReason) layout.paragraph(order.odometerOverrideReason);
}

export function drawConcern(layout: PdfLayout, texts: PdfTexts, order: RepairOrder) {
  const { fields, values } = texts;
  layout.heading(texts.sections.concern);
  layout.paragraph(order.concern || values.notGiven);
  const symptoms = order.symptoms;
  if (symptoms && (symptoms.when || symptoms.frequency || symptoms.conditions)) {
    layout.gap(3);
    layout.fields(
      [
        [fields.symptomsWhen, symptoms.when || values.notGiven],
        [fields.symptomsFrequency, symptoms.frequency || values.notGiven],
        [fields.symptomsConditions, symptoms.conditions || values.notGiven],
      ],
      1,
    );
  }
}

export function drawEstimate(layout: PdfLayout, texts: PdfTexts, order: RepairOrder) {
  const { estimate, values } = texts;
  const money = (fen: number) => fill(values.yuan, { value: yuan(fen) });
  const operations = order.operations ?? [];
  layout.heading(texts.sections.estimate);
  if (operations.length === 0) {
    layout.paragraph(estimate.none);
    return;
  }
  layout.table(
    [
      { title: '', share: 0.1 },
      { title: estimate.operation, share: 0.5 },
      { title: estimate.labour, share: 0.2, align: 'right' },
      { title: estimate.parts, share: 0.2, align: 'right' },
    ],
    operations.map((operation) => [
      operation.warranty ? estimate.warrantyMark : '',
      operation.description,
      money(operation.labourFen),
      money(operation.partsFen),
    ]),
  );
  const totals = estimateTotals(operations);
  layout.gap(3);
  layout.fields(
    [
      [
        fill(estimate.totals, { labour: money(totals.labourFen), parts: money(totals.partsFen) }),
        money(totals.totalFen),
      ],
    ],
    1,
  );
  if (operations.some((operation) => operation.warranty))
    layout.paragraph(estimate.warrantyNote, { size: 8, colour: MUTED });
  layout.paragraph(estimate.accuracy, { size: 8, colour: MUTED });
}

export function drawTimes(layout: PdfLayout, texts: PdfTexts, order: RepairOrder) {
  const { fields, values } = texts;
  const time = (ms: number | undefined) =>
    ms === undefined ? values.notGiven : formatDateTime(ms);
  layout.heading(texts.sections.times);
  layout.fields([
    [fields.estimatedCompletion, time(order.estimatedCompletionAt)],
    [fields.promisedDelivery, time(order.promisedDeliveryAt)],
    [
      fields.paymentMethod,
      order.paymentMethod ? texts.payment[order.paymentMethod] : values.notGiven,
    ],
    [fields.nextService, nextService(texts, order)],
  ]);
}

function nextService(texts: PdfTexts, order: RepairOrder): string {
  const { values } = texts;
  const km = order.nextServiceKm === undefined ? '' : formatKm(order.nextServiceKm);
  const date = order.nextServiceDate ?? '';
  if (km && date) return fill(values.nextService, { km, date });
  if (km) return fill(values.km, { value: km });
  return date || values.notGiven;
}
