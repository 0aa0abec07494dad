/** A file the API answered with, and the name it suggested for saving it. */
export interface DownloadedFile {
  blob: Blob;
  /** From Content-Disposition; null when the server suggested none. */
  filename: string | null;
}

export async function downloadedFile(response: Response): Promise<DownloadedFile> {
  return {
    blob: await response.blob(),
    filename: filenameFromContentDisposition(response.headers.get('content-disposition')),
  };
}

/**
 * The file name of a Content-Disposition header (RFC 6266): `filename*` (RFC 8187, UTF-8) wins
 * over `filename`. Any path is stripped, so a header can never name a file outside the downloads.
 */
export function filenameFromContentDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1];
  let name: string | undefined;
  if (extended) {
    try {
      name = decodeURIComponent(extended.trim());
    } catch {
      name = undefined;
    }
  }
  name ??= /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(header)?.slice(1).find(Boolean);
  const base = name?.replace(/\\(.)/g, '$1').split(/[/\\]/).at(-1)?.trim();
  return base ? base : null;
}
