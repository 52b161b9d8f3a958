/**
 * Secrets planted in the shapes of security issue 21 (classes 4 and 5), for the e2e tests in both
 * browsers: requests whose URLs carry them (nested, in JSON, in a path, under names in other
 * languages) and a server that echoes them in its words (dev/test-server.ts `/api/echo`). None may
 * be stored, shown or copied.
 */
import { ECHOED_SECRETS } from '../../dev/test-server';

const SECRETS = {
  resetKey: 'PlantedResetKey7x9Q',
  code: 'PlantedCode4u8Z2m',
  jsonPassword: 'PlantedJsonPw3k5W',
  first: 'alice.planted@example.org',
  second: 'bob.planted@example.org',
  hex: 'f94a8fe5ccb19ba61c4c0873d391e987982fbbd3',
  bot: 'AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw',
  passwort: 'PlantedPasswort1x',
  contrasena: 'PlantedClave2y',
};

/** Paths (with queries) on the test site that are refused and carry the planted secrets. */
export const PLANTED_URLS = [
  `/api/bearer?return=/account/reset?key=${SECRETS.resetKey}`,
  `/api/bearer?redirect_uri=${encodeURIComponent(`myapp://callback?code=${SECRETS.code}`)}&lang=en`,
  `/api/bearer?next=//evil.example/cb?code=${SECRETS.code}`,
  `/api/bearer?variables=${encodeURIComponent(JSON.stringify({ input: { password: SECRETS.jsonPassword } }))}`,
  `/api/bearer?to=${SECRETS.first},${SECRETS.second}`,
  `/api/bearer?${SECRETS.hex}`,
  `/api/refuse/bot123456789:${SECRETS.bot}/sendMessage`,
  `/api/bearer?page=1;passwort=${SECRETS.passwort}&${encodeURIComponent('contraseña')}=${SECRETS.contrasena}`,
  '/api/echo',
];

/** Every planted secret, as text that must appear nowhere. */
export const PLANTED_SECRETS = [
  ...Object.values(SECRETS),
  ECHOED_SECRETS.userPassword,
  'Winter2026',
  ECHOED_SECRETS.card,
  ECHOED_SECRETS.key,
  ECHOED_SECRETS.jsonPassword,
  'planted.person@example.org',
  'Planted Person',
];
