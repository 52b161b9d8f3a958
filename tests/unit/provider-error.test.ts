import { describe, expect, it } from 'vitest';
import { readProviderError, readSamlError, readSamlStatus } from '../../src/diagnosis/sign-in/provider-error';
import { catalog } from '../../dev/i18n';

const read = (code: string, description: string | null = null) => readProviderError({ code, description, uri: null });

describe('readProviderError', () => {
  it.each([
    ['access_denied', 'admin'],
    ['invalid_request', 'site'],
    ['invalid_client', 'site'],
    ['unauthorized_client', 'site'],
    ['invalid_scope', 'site'],
    ['invalid_grant', 'site'],
    ['server_error', 'provider'],
    ['temporarily_unavailable', 'provider'],
    ['login_required', 'you'],
    ['consent_required', 'you'],
    ['interaction_required', 'you'],
    ['account_selection_required', 'you'],
  ])('%s: known, fixed by %s', (code, fixer) => {
    const reading = read(code);
    expect(reading).toMatchObject({ knownCode: code, fixer, provider: null, lookup: null });
    expect(reading.meaning).toMatch(/^signin_meaning_/);
  });

  it('an unknown code is not ours to name: quoted by the story, the site to fix it', () => {
    expect(read('weird_thing')).toMatchObject({ knownCode: null, meaning: 'signin_meaning_unknown', fixer: 'site' });
  });

  it("Microsoft Entra: the AADSTS code, its fixer where the generic code's is wrong, and Microsoft's look-up page", () => {
    expect(read('access_denied', 'AADSTS50105: The signed in user is not assigned to a role for the application.')).toMatchObject({
      provider: 'entra',
      providerCode: 'AADSTS50105',
      fixer: 'admin',
      lookup: 'https://login.microsoftonline.com/error?code=50105',
    });
    expect(read('invalid_request', 'AADSTS50011: The redirect URI specified in the request does not match')).toMatchObject({ fixer: 'site', lookup: 'https://login.microsoftonline.com/error?code=50011' });
    expect(read('interaction_required', 'AADSTS50076: Due to a configuration change…')).toMatchObject({ fixer: 'you' });
    // Unknown number: the generic code's fixer, still the look-up.
    expect(read('server_error', 'AADSTS9999999: something')).toMatchObject({ fixer: 'provider', providerCode: 'AADSTS9999999' });
  });

  it('Okta and Keycloak', () => {
    expect(read('access_denied', 'User is not assigned to the client application.')).toMatchObject({ provider: 'okta', meaning: 'signin_meaning_not_assigned', fixer: 'admin' });
    expect(read('invalid_request', 'E0000011: Invalid token provided')).toMatchObject({ provider: 'okta', providerCode: 'E0000011' });
    expect(read('invalid_request', 'Invalid parameter: redirect_uri')).toMatchObject({ provider: 'keycloak', meaning: 'signin_meaning_redirect_uri', fixer: 'site' });
  });

  it('every meaning it names exists in every catalog', () => {
    const codes = ['access_denied', 'invalid_request', 'invalid_client', 'unauthorized_client', 'unsupported_response_type', 'invalid_scope', 'invalid_grant', 'invalid_redirect_uri', 'server_error', 'temporarily_unavailable', 'login_required', 'interaction_required', 'consent_required', 'account_selection_required', 'nope'];
    const keys = [...codes.map((code) => read(code).meaning), read('x', 'User is not assigned to the client application').meaning];
    const saml = ['AuthnFailed', 'RequestDenied', 'UnknownPrincipal', 'NoPassive', 'InvalidNameIDPolicy', 'Other'].map((sub) => readSamlError({ code: 'Responder', subCode: sub })!.meaning);
    for (const lang of ['en', 'de']) for (const key of [...keys, ...saml]) expect(catalog(lang), `${lang}: ${key}`).toHaveProperty(key);
  });
});

describe('SAML status', () => {
  const response = (inner: string) =>
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"><saml:Assertion>secret stuff</saml:Assertion><samlp:Status>${inner}</samlp:Status></samlp:Response>`;

  it('reads the StatusCode and SubStatusCode by their URNs only', () => {
    const status = readSamlStatus(
      response('<samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Responder"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:AuthnFailed"/></samlp:StatusCode>'),
    );
    expect(status).toEqual({ code: 'Responder', subCode: 'AuthnFailed' });
    expect(readSamlError(status!)).toMatchObject({ knownCode: 'Responder/AuthnFailed', fixer: 'you', meaning: 'signin_meaning_saml_authn_failed' });
  });

  it('success is no error; no status is null', () => {
    const ok = readSamlStatus(response('<StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/>'));
    expect(ok).toEqual({ code: 'Success', subCode: null });
    expect(readSamlError(ok!)).toBeNull();
    expect(readSamlStatus('<html>nothing</html>')).toBeNull();
    expect(readSamlError({ code: 'Requester', subCode: null })).toMatchObject({ fixer: 'site' });
  });
});
