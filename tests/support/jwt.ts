/** Makes an unsigned JWT-shaped token for tests (the extension never verifies signatures). */
export function makeJwt(payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' }): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode(header)}.${encode(payload)}.c2lnbmF0dXJlLW5vdC1jaGVja2Vk`;
}
