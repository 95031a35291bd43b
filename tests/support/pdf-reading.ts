import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';

/** Reading a generated PDF the way a viewer would: its text (pdf.js) and its images. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= document.numPages; number += 1) {
    const content = await (await document.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'));
  }
  await document.destroy();
  return pages.join('\n');
}

export async function pdfImageCount(bytes: Uint8Array): Promise<number> {
  const document = await PDFDocument.load(bytes);
  return document.context
    .enumerateIndirectObjects()
    .filter(
      ([, object]) =>
        object instanceof PDFRawStream &&
        object.dict instanceof PDFDict &&
        object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'),
    ).length;
}
