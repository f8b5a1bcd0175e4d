/** One page of a list as the API answers it; `next` is the cursor of the page after it. */
export function pageOf<T>(data: T[], next: string | null = null) {
  return { data, next_page: next };
}
