/**
 * "Leave with unsaved changes?": holds what the person asked to do (go back, open another
 * section) until they discard their edits or keep editing.
 */
export class LeaveConfirm {
  pending = $state<(() => void) | null>(null);

  /** Runs `action` at once when nothing is unsaved, else holds it for the dialog. */
  request(unsaved: boolean, action: () => void): void {
    if (unsaved) this.pending = action;
    else action();
  }

  discard(): void {
    const action = this.pending;
    this.pending = null;
    action?.();
  }

  stay(): void {
    this.pending = null;
  }
}
