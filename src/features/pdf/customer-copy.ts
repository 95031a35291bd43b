/**
 * What the tablet does with a finished PDF: save it, print it, or hand it to
 * another app through the system share sheet.
 */
import { saveFile } from '../../components/save-file.js';

export function downloadPdf(blob: Blob, fileName: string): void {
  saveFile(blob, fileName);
}

/**
 * Opens a window at once (while the tap still counts as a user gesture, so no
 * pop-up blocker stops it); `printPdf` then shows the PDF there and prints.
 */
export function openPrintWindow(): Window | null {
  return window.open('', '_blank');
}

/** Shows the PDF in the opened window and prints it; the viewer's own print button stays as fallback. */
export function printPdf(blob: Blob, viewer: Window | null): void {
  const url = URL.createObjectURL(blob);
  const target = viewer ?? window.open(url, '_blank');
  if (!target) {
    downloadPdf(blob, 'customer-copy.pdf');
    return;
  }
  if (viewer) viewer.location.href = url;
  target.addEventListener('load', () => {
    try {
      target.focus();
      target.print();
    } catch {
      // The browser's PDF viewer has its own print button.
    }
  });
  setTimeout(() => URL.revokeObjectURL(url), 10 * 60_000);
}

export function canSharePdf(): boolean {
  if (typeof navigator === 'undefined' || typeof navigator.share !== 'function') return false;
  const probe = new File([''], 'probe.pdf', { type: 'application/pdf' });
  return navigator.canShare?.({ files: [probe] }) ?? false;
}

/** Shares through the system sheet; false when the user closed it without sharing. */
export async function sharePdf(blob: Blob, fileName: string, title: string): Promise<boolean> {
  const file = new File([blob], fileName, { type: 'application/pdf' });
  try {
    await navigator.share({ files: [file], title });
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'AbortError') return false;
    throw error;
  }
}
