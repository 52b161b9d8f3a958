import { sentAuthorization } from '../capture/sent-credentials';
import { quote } from './evidence-text';
import type { RecordView } from './record-view';

/** The server's own words for a Bearer/DPoP error (RFC 6750 §3): its code and description. */
export function statedError(view: RecordView): string[] {
  if (!view.bearerError) return [];
  const { t } = view.context;
  const description = view.bearer?.error_description;
  return [t('ev_server_error', [quote(view.bearerError)]), ...(description ? [t('ev_server_description', [quote(description)])] : [])];
}

/** The request's headers were seen and it carried no Authorization header at all. */
export function nothingSent(view: RecordView): boolean {
  return view.record.sent.observed && !sentAuthorization(view.record.sent);
}
