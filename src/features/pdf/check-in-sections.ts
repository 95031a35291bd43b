import { CHECKLIST_ITEMS, type CheckInSheet } from '../../schema/index.js';
import type { PdfLayout } from './pdf-layout.js';
import { fill, type PdfTexts } from './format.js';

/** The parts of the customer's copy that come from the walkaround (check-in sheet). */
export function drawChecklist(layout: PdfLayout, texts: PdfTexts, sheet: CheckInSheet | null) {
  const { checklist, checks } = texts;
  layout.heading(texts.sections.checklist);
  if (sheet) {
    const covers = (['seat', 'steeringWheel', 'floorMat'] as const)
      .filter((cover) => sheet.covers[cover])
      .map((cover) => texts.covers[cover]);
    layout.fields([[texts.fields.covers, covers.join(', ') || texts.values.none]], 1);
    layout.gap(2);
  }
  layout.table(
    [
      { title: checklist.item, share: 0.3 },
      { title: checklist.result, share: 0.15 },
      { title: checklist.note, share: 0.55 },
    ],
    CHECKLIST_ITEMS.map((item) => {
      const check = sheet?.checklist[item];
      return [checklist[item], checks[check?.status ?? 'unchecked'], check?.note ?? ''];
    }),
  );
}

export function drawWarningLights(layout: PdfLayout, texts: PdfTexts, sheet: CheckInSheet | null) {
  layout.heading(texts.sections.warningLights);
  const lights = (sheet?.warningLights ?? []).map((light) => texts.warningLights[light]);
  if (sheet?.warningLightsOther) lights.push(sheet.warningLightsOther);
  layout.paragraph(lights.length > 0 ? lights.join(', ') : texts.values.none);
}

export function drawValuablesAndWishes(
  layout: PdfLayout,
  texts: PdfTexts,
  sheet: CheckInSheet | null,
  photoCount: number,
) {
  const { fields, values } = texts;
  const yesNo = (value: boolean | undefined) => (value ? values.yes : values.no);
  layout.heading(texts.sections.valuablesWishes);
  const valuables = sheet?.valuables;
  const valuablesText =
    !valuables || (valuables.handling === 'none' && !valuables.description)
      ? values.none
      : [valuables.description, texts.valuables[valuables.handling]].filter(Boolean).join(' — ');
  const wishes = sheet?.wishes;
  layout.fields([[fields.valuables, valuablesText]], 1);
  layout.fields([
    [fields.keepOldParts, yesNo(wishes?.keepOldParts)],
    [fields.wash, yesNo(wishes?.wash)],
    [fields.engineBayWash, yesNo(wishes?.engineBayWash)],
    [
      fields.followUp,
      wishes?.followUpConsent
        ? fill(values.followUp, {
            channel: texts.channels[wishes.followUpChannel],
            time: wishes.followUpTime || values.notGiven,
          })
        : values.no,
    ],
    [fields.photos, String(photoCount)],
  ]);
}
