/**
 * The part of Twenty's REST API Relance uses, with a workspace API key as bearer token
 * (shapes from twentyhq/twenty's packages/twenty-server: engine/api/rest/core/handlers/*
 * for records, metadata-modules/object-metadata and field-metadata controllers for the
 * metadata API, which answers in its legacy envelope `{ data: { createOneObject } }` unless
 * a workspace flag unwraps it — both are read).
 *
 * Errors: a request Twenty could not answer (network, timeout, 5xx, 429) is a
 * {@link TwentyUnavailableError}; a refused API key a {@link TwentyApiError} with status
 * 401/403; a refused record (4xx) a {@link TwentyApiError} with Twenty's messages.
 */
export class TwentyApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'TwentyApiError';
  }

  get authRefused(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

export class TwentyUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TwentyUnavailableError';
  }
}

export interface TwentyFieldMetadata {
  id: string;
  name: string;
  type: string;
  isCustom?: boolean;
  isActive?: boolean;
  description?: string | null;
}

export interface TwentyObjectMetadata {
  id: string;
  nameSingular: string;
  namePlural: string;
  isCustom?: boolean;
  isActive?: boolean;
  description?: string | null;
  fields?: TwentyFieldMetadata[];
}

export type TwentyRecordValues = Record<string, unknown>;

const TIMEOUT_MS = 15_000;

const capitalised = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** `and(a[eq]:"x",b[eq]:"y")` from `{ a: 'x', b: 'y' }` (quotes stripped from the values). */
export function eqFilter(values: Record<string, string>): string {
  const leaves = Object.entries(values).map(([field, value]) => `${field}[eq]:"${value.replace(/"/g, '')}"`);
  return leaves.length === 1 ? leaves[0] : `and(${leaves.join(',')})`;
}

export class TwentyClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  /** Every object of the workspace with its fields (GET /rest/metadata/objects). */
  async objects(): Promise<TwentyObjectMetadata[]> {
    const answer = await this.request<{ data?: { objects?: TwentyObjectMetadata[] } | TwentyObjectMetadata[] }>(
      'GET',
      '/rest/metadata/objects',
    );
    const data = answer.data;
    return (Array.isArray(data) ? data : data?.objects) ?? [];
  }

  async createObject(spec: Record<string, unknown>): Promise<TwentyObjectMetadata> {
    return this.metadataWrite<TwentyObjectMetadata>('POST', '/rest/metadata/objects', spec, 'createOneObject');
  }

  async updateObject(id: string, patch: Record<string, unknown>): Promise<void> {
    await this.metadataWrite('PATCH', `/rest/metadata/objects/${id}`, patch, 'updateOneObject');
  }

  async deleteObject(id: string): Promise<void> {
    await this.metadataWrite('DELETE', `/rest/metadata/objects/${id}`, undefined, 'deleteOneObject');
  }

  async createField(spec: Record<string, unknown>): Promise<TwentyFieldMetadata> {
    return this.metadataWrite<TwentyFieldMetadata>('POST', '/rest/metadata/fields', spec, 'createOneField');
  }

  async updateField(id: string, patch: Record<string, unknown>): Promise<void> {
    await this.metadataWrite('PATCH', `/rest/metadata/fields/${id}`, patch, 'updateOneField');
  }

  async deleteField(id: string): Promise<void> {
    await this.metadataWrite('DELETE', `/rest/metadata/fields/${id}`, undefined, 'deleteOneField');
  }

  /** The records of an object matching all these equalities (first page). */
  async find(namePlural: string, equal: Record<string, string>, limit = 2): Promise<Array<TwentyRecordValues & { id: string }>> {
    const answer = await this.request<{ data?: Record<string, Array<TwentyRecordValues & { id: string }>> }>(
      'GET',
      `/rest/${namePlural}?filter=${encodeURIComponent(eqFilter(equal))}&limit=${limit}`,
    );
    return answer.data?.[namePlural] ?? [];
  }

  async create(names: { nameSingular: string; namePlural: string }, values: TwentyRecordValues): Promise<string> {
    const answer = await this.request<{ data?: Record<string, { id?: string }> }>('POST', `/rest/${names.namePlural}`, values);
    const id = answer.data?.[`create${capitalised(names.nameSingular)}`]?.id;
    if (!id) throw new TwentyApiError(`Twenty answered POST /rest/${names.namePlural} without an id`, 200);
    return id;
  }

  /** Updates a record; false when Twenty no longer has it (deleted there). */
  async update(names: { nameSingular: string; namePlural: string }, id: string, values: TwentyRecordValues): Promise<boolean> {
    try {
      await this.request('PATCH', `/rest/${names.namePlural}/${id}`, values);
      return true;
    } catch (error) {
      if (error instanceof TwentyApiError && (error.status === 404 || /not found/i.test(error.message))) return false;
      throw error;
    }
  }

  /** The workspace the key opens: its id and display name (Twenty's GraphQL `currentWorkspace`: the REST API has no such endpoint). */
  async workspace(): Promise<{ id?: string; displayName?: string }> {
    const answer = await this.request<{ data?: { currentWorkspace?: { id?: string | null; displayName?: string | null } } }>(
      'POST',
      '/graphql',
      { query: '{ currentWorkspace { id displayName } }' },
    );
    const current = answer.data?.currentWorkspace;
    return { id: current?.id ?? undefined, displayName: current?.displayName ?? undefined };
  }

  /** The server's version from its public client config, when it says (self-built images may not). */
  async serverVersion(): Promise<string | undefined> {
    const answer = await this.request<{ appVersion?: string; data?: { appVersion?: string } }>('GET', '/client-config');
    return answer.appVersion ?? answer.data?.appVersion ?? undefined;
  }

  private async metadataWrite<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body: unknown, key: string): Promise<T> {
    const answer = await this.request<{ data?: Record<string, T> } & T>(method, path, body);
    return (answer.data?.[key] ?? answer.data ?? answer) as T;
  }

  private async request<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const where = `${method} ${path.split('?')[0]}`;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${this.apiKey}`,
          Accept: 'application/json',
          ...(body ? { 'Content-Type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new TwentyUnavailableError(`Twenty did not answer ${where}: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (response.status >= 500 || response.status === 429)
      throw new TwentyUnavailableError(`Twenty answered ${response.status} to ${where}: ${text.slice(0, 200)}`);
    if (!response.ok) throw new TwentyApiError(`Twenty answered ${response.status} to ${where}: ${messagesOf(text)}`, response.status);
    try {
      return (text ? JSON.parse(text) : {}) as T;
    } catch {
      throw new TwentyUnavailableError(`Twenty answered ${where} with something other than JSON`);
    }
  }
}

/** Twenty's error messages (`{ messages: [...] }`), else the body's start. */
function messagesOf(text: string): string {
  try {
    const body = JSON.parse(text) as { messages?: unknown; message?: unknown };
    if (Array.isArray(body.messages)) return body.messages.join('; ').slice(0, 500);
    if (typeof body.message === 'string') return body.message.slice(0, 500);
  } catch {
    // not JSON: the text itself
  }
  return text.slice(0, 300);
}
