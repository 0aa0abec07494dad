/**
 * Hands a file to the browser's downloads through a temporary blob URL: the way to save what a
 * script fetched (a link to the API could not carry the bearer token).
 */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has been handled: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The signed report as a JSON file, exactly as signed (its members and values unchanged). */
export function reportJsonBlob(report: object): Blob {
  return new Blob([`${JSON.stringify(report, null, 2)}\n`], { type: 'application/json' });
}
