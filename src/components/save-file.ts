/** Saves a blob the app made or fetched (a PDF, a CSV export) as a file on the tablet. */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by now; keep the URL a while for slow tablets.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
