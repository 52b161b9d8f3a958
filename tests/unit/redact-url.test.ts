import { describe, expect, it } from 'vitest';
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
