/** The part of oidc-provider's API that dev/oidc-servers.ts uses (the package ships no types). */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    /** A Node request handler serving every endpoint of the provider. */
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
  }
}
