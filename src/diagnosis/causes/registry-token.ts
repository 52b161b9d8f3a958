import { sentAuthorization } from '../../capture/sent-credentials';
import { defineCause } from '../cause';
import { quote, schemeLabel } from '../evidence-text';
import { Strength } from '../strength';

/**
 * A container registry (Docker/OCI distribution): `Bearer realm=…,service=…,scope="repository:…"`
 * means "fetch a token for this scope from that realm, then come back" (the registry token flow).
 * A refusal with no credentials at all is a client that has not logged in to the registry.
 */
export const registryToken = defineCause({
  id: 'registry-token',
  visitorSteps: [null, null],
  ownerSteps: 2,
  moreFixes: ['copy-report'],
  detect(view) {
    const bearer = view.challenges.find((c) => c.schemeKey === 'bearer' && c.params.realm !== undefined && c.params.service !== undefined);
    if (!bearer || view.record.status !== 401) return null;
    const scope = bearer.params.scope;
    if ((scope !== undefined && !/^(repository|registry)(\(\w+\))?:/.test(scope)) || bearer.params.error === 'insufficient_scope') return null;
    const { t } = view.context;
    const realm = quote(bearer.params.realm!);
    const service = quote(bearer.params.service!);
    const evidence = [scope ? t('ev_registry_scope', [quote(scope), realm, service]) : t('ev_registry_no_scope', [realm, service])];
    const sent = sentAuthorization(view.record.sent);
    if (sent) evidence.push(t('ev_registry_token_refused', [schemeLabel(view.record.sent, t)]));
    return { strength: sent ? Strength.FITS : Strength.SAID, evidence };
  },
});
