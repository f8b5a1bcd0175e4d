/** What a form control needs to be tied to its label, hint and message (see `Field.svelte`). */
export interface FieldControl {
  id: string;
  describedby: string | undefined;
  invalid: boolean;
}
