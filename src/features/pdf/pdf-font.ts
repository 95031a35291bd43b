/**
 * Loads the CJK font (Noto Sans SC, a local asset the service worker
 * precaches) only when a PDF is made, so the app starts without it.
 */
let loading: Promise<Uint8Array> | null = null;

export function loadPdfFont(): Promise<Uint8Array> {
  loading ??= fetchFont().catch((error: unknown) => {
    loading = null; // a failed load (e.g. not cached yet while offline) may be retried
    throw error;
  });
  return loading;
}

async function fetchFont(): Promise<Uint8Array> {
  const { default: url } =
    await import('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf?url');
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The PDF font did not load (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}
