/** What a fix did, in words for the person who clicked it. */
export interface FixResult {
  ok: boolean;
  message: string;
}
