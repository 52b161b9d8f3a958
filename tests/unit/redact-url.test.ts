import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactChallenge } from '../../src/capture/redact-text';
import { originOf, redactUrl } from '../../src/capture/redact-url';

describe('redactUrl', () => {
  it.each([
    ['drops user and password', 'https://alice:hunter2@example.com/x', 'https://example.com/x'],
    ['drops the fragment (implicit-flow tokens live there)', 'https://example.com/cb#access_token=abc.def.ghi', 'https://example.com/cb'],
    ['redacts secret-named parameters', 'https://example.com/a?access_token=xyz&page=2', 'https://example.com/a?access_token=redacted&page=2'],
    ['redacts api keys and signatures', 'https://s3.example/o?X-Amz-Signature=abcd&key=k1', 'https://s3.example/o?X-Amz-Signature=redacted&key=redacted'],
    ['redacts JWT-looking values whatever the name', 'https://example.com/?q=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl', 'https://example.com/?q=redacted'],
    ['redacts long random values', 'https://example.com/?x=a8f3k2l9q0w8e7r6t5y4u3i2o1p0', 'https://example.com/?x=redacted'],
    ['keeps ordinary values', 'https://example.com/search?q=cats&lang=en', 'https://example.com/search?q=cats&lang=en'],
    ['keeps empty secret-named values', 'https://example.com/?token=', 'https://example.com/?token='],
  ])('%s', (_name, input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it('never throws on garbage and drops everything after ? or #', () => {
    expect(redactUrl('not a url?token=secret')).toBe('not a url');
    expect(redactUrl('')).toBe('');
  });

  it('bounds very long URLs', () => {
    expect(redactUrl(`https://example.com/${'a'.repeat(50_000)}`).length).toBeLessThanOrEqual(1_000);
  });
});

/**
 * Security round 2, class 4: secrets found by their shape inside values, not only as whole values,
 * and secret parameter names in the languages sites are written in. Each row is one shape.
 */
describe('redactUrl: secrets inside values, nested URLs and JSON, names in other languages [21.4]', () => {
  it.each([
    ['a relative URL nested in a query', 'https://app.example/login?return=/account/reset?key=Zx81kqP2', 'https://app.example/login?return=%2Faccount%2Freset%3Fkey%3Dredacted'],
    ['a protocol-relative URL nested in a query', 'https://idp.example/a?next=//evil.example/cb?code=abc123&lang=en', 'https://idp.example/a?next=%2F%2Fevil.example%2Fcb%3Fcode%3Dredacted&lang=en'],
    ['a custom-scheme redirect_uri', 'https://idp.example/authorize?redirect_uri=myapp://callback?code=4f2a9c&client_id=app', 'https://idp.example/authorize?redirect_uri=myapp%3A%2F%2Fcallback%3Fcode%3Dredacted&client_id=app'],
    ['JSON in a query value (GraphQL variables)', 'https://api.example/graphql?query=mutation&variables={"password":"hunter2","first":10}', 'https://api.example/graphql?query=mutation&variables=%7B%22password%22%3A%22redacted%22%2C%22first%22%3A10%7D'],
    ['an address deep in JSON under a harmless key', 'https://api.example/graphql?variables=%7B%22input%22%3A%7B%22contact%22%3A%22alice%40example.org%22%2C%22n%22%3A1%7D%7D', 'https://api.example/graphql?variables=%7B%22input%22%3A%7B%22contact%22%3A%22redacted%22%2C%22n%22%3A1%7D%7D'],
    ['JSON cut short: a secret name still found', 'https://api.example/q?v=%7B%22passwort%22%3A%22Sommer2026%22%2C%22x', 'https://api.example/q?v=redacted'],
    ['two addresses in one value', 'https://e.example/share?to=alice@example.org,bob@example.org', 'https://e.example/share?to=redacted'],
    ['a mailto: address', 'https://e.example/share?contact=mailto:alice@example.org', 'https://e.example/share?contact=redacted'],
    ['an address with a display name', 'https://e.example/share?from=%22Alice%20Example%22%20%3Calice%40example.org%3E', 'https://e.example/share?from=redacted'],
    ['an address in a sentence', 'https://e.example/feedback?msg=please%20write%20to%20alice%40example.org%20soon', 'https://e.example/feedback?msg=redacted'],
    ['a token as the bare query', 'https://e.example/download?a94a8fe5ccb19ba61c4c0873d391e987982fbbd3', 'https://e.example/download?redacted'],
    ['a token as a query name', 'https://e.example/download?a94a8fe5ccb19ba61c4c0873d391e987982fbbd3=1', 'https://e.example/download?redacted=1'],
    ['; as a query separator', 'https://e.example/list?page=2;token=abc&x=1', 'https://e.example/list?page=2;token=redacted&x=1'],
    ['a URL nested in a path segment', 'https://e.example/redirect/https%3A%2F%2Fapp.example%2Fcb%3Fcode%3Dabc123/done', 'https://e.example/redirect/https%3A%2F%2Fapp.example%2Fcb%3Fcode%3Dredacted/done'],
    ['user:pass@ in a nested URL', 'https://e.example/go?next=ftp://bob:hunter2@files.example/x', 'https://e.example/go?next=ftp%3A%2F%2Ffiles.example%2Fx'],
    ['user:pass@ in a path segment', 'https://e.example/proxy/bob:hunter2@intranet.example/', 'https://e.example/proxy/redacted/'],
    ['user:pass@ in a value', 'https://e.example/c?db=bob:Winter2026!@db.example', 'https://e.example/c?db=redacted'],
    ['an id:secret bot token in the path', 'https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/sendMessage?chat_id=5', 'https://api.telegram.org/redacted/sendMessage?chat_id=5'],
    ['an id:secret pair in a value', 'https://e.example/s3?creds=AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY', 'https://e.example/s3?creds=redacted'],
    ['a nested URL encoded twice', 'https://e.example/go?next=https%253A%252F%252Fapp.example%252Fcb%253Fcode%253Dabc', 'https://e.example/go?next=redacted'],
    ['a card number in groups', 'https://e.example/pay?n=4111%201111%201111%201111', 'https://e.example/pay?n=redacted'],
  ])('%s', (_shape, input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it.each([
    ['passwort', 'German'],
    ['kennwort', 'German'],
    ['Passwort', 'German, capitalised'],
    ['senha', 'Portuguese'],
    ['contrase%C3%B1a', 'Spanish'],
    ['contrasena', 'Spanish, without the tilde'],
    ['clave', 'Spanish'],
    ['mot_de_passe', 'French'],
    ['mdp', 'French, short'],
    ['parola_d_ordine', 'Italian'],
    ['wachtwoord', 'Dutch'],
    ['haslo', 'Polish'],
    ['has%C5%82o', 'Polish, with ł'],
    ['parol', 'Russian, transliterated'],
    ['%D0%BF%D0%B0%D1%80%D0%BE%D0%BB%D1%8C', 'Russian'],
    ['sifre', 'Turkish'],
    ['%C5%9Fifre', 'Turkish, with ş'],
    ['lozinka', 'Croatian/Serbian'],
    ['heslo', 'Czech/Slovak'],
    ['jelsz%C3%B3', 'Hungarian'],
    ['salasana', 'Finnish'],
    ['l%C3%B6senord', 'Swedish'],
    ['adgangskode', 'Danish'],
    ['kata_sandi', 'Indonesian'],
    ['user_pin', 'English, a word in a name'],
    ['%E5%AF%86%E7%A0%81', 'Chinese'],
  ])('a secret parameter named %s (%s)', (name, _language) => {
    expect(redactUrl(`https://e.example/login?${name}=Sommer1&lang=de`)).toBe(`https://e.example/login?${name}=redacted&lang=de`);
  });

  it.each([
    ['times, sort keys, scopes and paths as values', 'https://e.example/search?sort=name%3Aasc&time=10%3A30&path=%2Fdocs%2Fintro&scope=read%3Auser&lang=de'],
    ['JSON without secrets', 'https://e.example/search?filter=%7B%22status%22%3A%22open%22%2C%22page%22%3A2%7D'],
    ['words with spaces', 'https://e.example/search?q=how%20to%20reset%20a%20password'],
    ['a nested URL without secrets', 'https://idp.example/a?redirect_uri=https%3A%2F%2Fapp.example%2Fcb&lang=en'],
    ['a registry path', 'https://registry.example/v2/library/alpine/manifests/latest'],
  ])('keeps %s', (_what, input) => {
    expect(redactUrl(input)).toBe(input);
  });
});

describe('a secret in any of these shapes never survives (property) [21.4, 21.5]', () => {
  /** A key-like secret: letters and digits, at least three of each (the shape, whatever its name). */
  const secret = fc
    .tuple(fc.stringMatching(/^[A-Za-z]{3,10}$/), fc.stringMatching(/^[0-9]{3,8}$/), fc.stringMatching(/^[A-Za-z0-9]{10,16}$/))
    .map(([letters, digits, rest]) => `${letters}${digits}${rest}`);
  const secretName = fc.constantFrom('password', 'passwort', 'kennwort', 'senha', 'contraseña', 'clave', 'mot_de_passe', 'mdp', 'parola_d_ordine', 'wachtwoord', 'hasło', 'parol', 'şifre', 'пароль', 'api_key', 'token');
  const urlShapes: Array<(s: string, name: string) => string> = [
    (s) => `https://e.example/a?return=/account/reset?key=${s}`,
    (s) => `https://e.example/a?return=${encodeURIComponent(`/account/reset?key=${s}`)}`,
    (s) => `https://e.example/a?next=//evil.example/cb?code=${s}`,
    (s) => `https://e.example/a?redirect_uri=${encodeURIComponent(`myapp://callback?code=${s}`)}`,
    (s, name) => `https://e.example/a?variables=${encodeURIComponent(JSON.stringify({ input: { [name]: s } }))}`,
    (s) => `https://e.example/a?variables=${encodeURIComponent(JSON.stringify({ note: `hello ${s}` }))}`,
    (s, name) => `https://e.example/a?${encodeURIComponent(name)}=${s}`,
    (s, name) => `https://e.example/a?page=1;${encodeURIComponent(name)}=${s}`,
    (s) => `https://e.example/a?${s}`,
    (s) => `https://e.example/bot123456:${s}/sendMessage`,
    (s) => `https://e.example/a?db=bob:${s}@db.example`,
    (s) => `https://e.example/proxy/bob:${s}@intranet.example/`,
    (s) => `https://e.example/a?to=alice@example.org,${s}@example.org`,
    (s) => `https://e.example/a?from=${encodeURIComponent(`"${s}" <x@example.org>`)}`,
    (s) => `https://e.example/go/${encodeURIComponent(`https://app.example/cb?code=${s}`)}`,
  ];
  const textShapes: Array<(s: string, name: string) => string> = [
    (s) => `Bearer error="invalid_token", error_description="invalid credentials bob:${s}"`,
    (s, name) => `Bearer error_description="rejected ${name}=${s} for this client"`,
    (s, name) => `Bearer error_description=${JSON.stringify(JSON.stringify({ [name]: s }))}`,
    (s) => `Bearer error_uri="myapp://help?code=${s}"`,
    (s) => `Basic realm="see //login.example/cb?code=${s} now"`,
    (s) => `Bearer error_description="unknown key ${s}"`,
  ];

  it('in URLs', () => {
    fc.assert(
      fc.property(secret, secretName, fc.nat(urlShapes.length - 1), (s, name, i) => {
        expect(redactUrl(urlShapes[i]!(s, name))).not.toContain(s);
      }),
    );
  });

  it('in what a server says', () => {
    fc.assert(
      fc.property(secret, secretName, fc.nat(textShapes.length - 1), (s, name, i) => {
        expect(redactChallenge(textShapes[i]!(s, name))).not.toContain(s);
      }),
    );
  });
});

describe('originOf', () => {
  it.each([
    ['https://a.example:8443/x?y', 'https://a.example:8443'],
    ['data:text/html,hi', null],
    ['nonsense', null],
    [undefined, null],
  ])('%s → %s', (input, expected) => {
    expect(originOf(input)).toBe(expected);
  });
});
