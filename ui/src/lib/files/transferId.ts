// The id a transfer is cancelled by (`transfer_cancel`): unique within this run of the app.
let counter = 0;

/** A new transfer id, `kind` first so the log says what it was ("upload-…"). */
export function transferId(kind: 'upload' | 'download' | 'skill'): string {
  counter += 1;
  return `${kind}-${Date.now().toString(36)}-${counter}`;
}
