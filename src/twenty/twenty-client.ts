/**
 * The part of Twenty's REST API Relance uses, with a workspace API key as bearer token:
 * the metadata API (`GET /rest/metadata/objects`) to learn how this workspace names a
 * task's body and a task target's person field (they changed across Twenty versions:
 * `body` → `bodyV2 { markdown }`, `personId` → `targetPersonId`), people by e-mail, and
 * creating Task and TaskTarget records (`POST /rest/tasks`, `POST /rest/taskTargets`,
 * answered as `{ data: { createTask: { id } } }`).
 */
export interface TwentyTaskShape {
  /** The task's rich-text body field and whether it takes `{ markdown }`. */
  body?: { name: string; markdown: boolean };
  /** TaskTarget's person foreign key, e.g. `targetPersonId` or `personId`. */
  personKey?: string;
}

interface FieldMetadata {
  name: string;
  type: string;
}
interface ObjectMetadata {
  nameSingular: string;
  fields?: FieldMetadata[];
}

export class TwentyApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'TwentyApiError';
  }
}

export class TwentyClient {
  private shape: Promise<TwentyTaskShape> | undefined;

  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  /** Read once per process: a workspace's schema changes with an upgrade, which restarts Relance too. */
  taskShape(): Promise<TwentyTaskShape> {
    this.shape ??= this.readTaskShape().catch((error) => {
      this.shape = undefined;
      throw error;
    });
    return this.shape;
  }

  async findPersonByEmail(email: string): Promise<string | undefined> {
    const filter = `emails.primaryEmail[eq]:"${email.replace(/"/g, '')}"`;
    const answer = await this.request<{ data?: { people?: Array<{ id: string }> } }>(
      'GET',
      `/rest/people?filter=${encodeURIComponent(filter)}&limit=1`,
    );
    return answer.data?.people?.[0]?.id;
  }

  async createTask(task: { title: string; body: string; dueAt: string; status: string; assigneeId?: string }): Promise<string> {
    const shape = await this.taskShape();
    const record: Record<string, unknown> = { title: task.title, dueAt: task.dueAt, status: task.status };
    if (shape.body) record[shape.body.name] = shape.body.markdown ? { markdown: task.body } : task.body;
    const answer = await this.request<{ data?: { createTask?: { id: string } } }>('POST', '/rest/tasks', record);
    const id = answer.data?.createTask?.id;
    if (!id) throw new TwentyApiError('Twenty answered POST /rest/tasks without a task id', 200);
    return id;
  }

  async createTaskTarget(taskId: string, personId: string): Promise<void> {
    const { personKey } = await this.taskShape();
    if (!personKey) return;
    await this.request('POST', '/rest/taskTargets', { taskId, [personKey]: personId });
  }

  private async readTaskShape(): Promise<TwentyTaskShape> {
    const answer = await this.request<{ data?: { objects?: ObjectMetadata[] }; objects?: ObjectMetadata[] }>(
      'GET',
      '/rest/metadata/objects',
    );
    const objects = answer.data?.objects ?? answer.objects ?? [];
    const fieldsOf = (name: string) => objects.find((o) => o.nameSingular === name)?.fields ?? [];
    const taskFields = fieldsOf('task');
    const targetFields = fieldsOf('taskTarget').map((f) => f.name);
    const bodyV2 = taskFields.find((f) => f.name === 'bodyV2');
    const body = taskFields.find((f) => f.name === 'body');
    return {
      body: bodyV2 ? { name: 'bodyV2', markdown: true } : body ? { name: 'body', markdown: body.type === 'RICH_TEXT_V2' } : undefined,
      personKey: targetFields.includes('targetPerson') ? 'targetPersonId' : targetFields.includes('person') ? 'personId' : undefined,
    };
  }

  private async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${this.apiKey}`,
        Accept: 'application/json',
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    if (!response.ok)
      throw new TwentyApiError(
        `Twenty answered ${response.status} to ${method} ${path.split('?')[0]}: ${text.slice(0, 300)}`,
        response.status,
      );
    return (text ? JSON.parse(text) : {}) as T;
  }
}
