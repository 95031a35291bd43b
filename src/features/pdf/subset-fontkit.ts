import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument } from 'pdf-lib';

type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];

/**
 * @pdf-lib/fontkit 1.1.1 corrupts TrueType subsets: it writes the short
 * `loca` format (offsets halved) but keeps glyph records of odd length, so
 * every glyph after one such record points a byte off and renders blank
 * (upstream fontkit fixed this in 1.8). Text still extracts, so only the
 * printed page shows it. We pad each glyph record to an even length as it
 * is added to the subset, which makes the halved offsets exact again.
 */

/** The parts of fontkit's TrueType subset this fix touches (not in its public types). */
interface TrueTypeSubsetInternals {
  glyf?: Uint8Array[];
  offset?: number;
  _addGlyph?: (glyphId: number) => number;
}

function padGlyphRecords(subset: TrueTypeSubsetInternals): void {
  const addGlyph = subset._addGlyph?.bind(subset);
  if (!addGlyph) return; // a CFF (OpenType) subset has no loca table: nothing to fix
  subset._addGlyph = (glyphId: number) => {
    const index = addGlyph(glyphId);
    const record = subset.glyf?.[index];
    if (subset.glyf && record && record.length % 2 === 1) {
      // Same Buffer class as the record: fontkit's encoder refuses plain Uint8Arrays.
      const bufferClass = record.constructor as { alloc?: (size: number) => Uint8Array };
      const padded = bufferClass.alloc?.(record.length + 1) ?? new Uint8Array(record.length + 1);
      padded.set(record);
      subset.glyf[index] = padded;
      subset.offset = (subset.offset ?? 0) + 1;
    }
    return index;
  };
}

/** fontkit for pdf-lib's `registerFontkit`, with TrueType subsets that render correctly. */
export const subsetSafeFontkit: Fontkit = {
  create(bytes: Uint8Array, postscriptName?: string) {
    const font = fontkit.create(bytes, postscriptName);
    const createSubset = font.createSubset.bind(font);
    font.createSubset = () => {
      const subset = createSubset();
      padGlyphRecords(subset as unknown as TrueTypeSubsetInternals);
      return subset;
    };
    return font as unknown as ReturnType<Fontkit['create']>;
  },
};
