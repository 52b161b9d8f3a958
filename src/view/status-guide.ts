import type { Translate } from '../diagnosis/translate';

/** The statuses people confuse with 401, in the order the guide explains them. */
const GUIDE_STATUSES = [401, 403, 407, 404, 400] as const;

/** How 401 differs from 403, 404, 400 and 407, in the reader's language. */
export function statusGuide(t: Translate): Array<{ status: number; meaning: string }> {
  return GUIDE_STATUSES.map((status) => ({ status, meaning: t(`status_${status}`) }));
}
