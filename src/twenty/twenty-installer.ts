import { randomUUID } from 'node:crypto';
import { RelanceError } from '../common/relance.error';
import { TwentyClient, TwentyObjectMetadata } from './twenty-client';
import {
  LATEST_TWENTY_SCHEMA,
  RELANCE_MARK,
  STANDARD_OBJECTS,
  TWENTY_SCHEMA_VERSIONS,
  TwentyFieldSpec,
  TwentyObjectKey,
  TwentyObjectSpec,
} from './twenty-schema';

/** Where the installer keeps what it created, as it goes (the connection's `installed_items`). */
export interface InstalledItems {
  items: Record<string, string>;
  record(key: string, id: string | null): Promise<void>;
  setVersion(version: number): Promise<void>;
}

export interface InstallReport {
  fromVersion: number;
  toVersion: number;
  created: string[];
  adopted: string[];
  renamed: string[];
}

const objectKey = (key: TwentyObjectKey) => `object:${key}`;
const fieldKey = (key: string) => `field:${key}`;

/** Option labels from values: `PROMISE_TO_PAY` → `Promise to pay`. */
const labelOf = (value: string) => value.charAt(0) + value.slice(1).toLowerCase().replace(/_/g, ' ');
const COLORS = ['blue', 'green', 'orange', 'red', 'purple', 'sky', 'turquoise', 'pink', 'yellow', 'gray'];

/**
 * Applies the versions of twenty-schema.ts to a Twenty workspace through its metadata
 * API, from `fromVersion` to `toVersion`: each version's changes in order, each recorded as
 * soon as Twenty made it, the version recorded once all its changes are in. An object or
 * field already there under its name is adopted when it carries Relance's mark, refused
 * (CONFLICT, naming it) when it does not — Relance never takes over what someone else made.
 */
export async function installTwentySchema(
  client: TwentyClient,
  installed: InstalledItems,
  fromVersion: number,
  toVersion = LATEST_TWENTY_SCHEMA,
): Promise<InstallReport> {
  const report: InstallReport = { fromVersion, toVersion, created: [], adopted: [], renamed: [] };
  const items = { ...installed.items };
  const keep = async (key: string, id: string) => {
    items[key] = id;
    await installed.record(key, id);
  };
  for (const step of TWENTY_SCHEMA_VERSIONS) {
    if (step.version <= fromVersion || step.version > toVersion) continue;
    let objects = await client.objects();
    const objectIdOf = (key: TwentyObjectKey | 'person' | 'company'): string => {
      const id =
        key === 'person' || key === 'company' || STANDARD_OBJECTS.includes(key)
          ? objects.find((o) => o.nameSingular === key)?.id
          : items[objectKey(key)];
      if (!id) throw new RelanceError('CONFLICT', `The Twenty workspace has no "${key}" object`, { field: 'install' });
      return id;
    };
    for (const change of step.changes) {
      if (change.kind === 'addObject') {
        const spec = change.object;
        const existing =
          objects.find((o) => o.id === items[objectKey(spec.key)]) ?? objects.find((o) => o.nameSingular === spec.nameSingular);
        if (existing) {
          if (!existing.description?.includes(RELANCE_MARK) && existing.id !== items[objectKey(spec.key)]) {
            throw new RelanceError(
              'CONFLICT',
              `The Twenty workspace already has a "${spec.nameSingular}" object that Relance did not create: rename or remove it, then install again`,
              { field: 'install' },
            );
          }
          if (existing.id !== items[objectKey(spec.key)]) report.adopted.push(objectKey(spec.key));
          await keep(objectKey(spec.key), existing.id);
        } else {
          const created = await client.createObject(objectBody(spec));
          await keep(objectKey(spec.key), created.id);
          report.created.push(objectKey(spec.key));
          objects = await client.objects();
        }
      } else if (change.kind === 'addField') {
        const spec = change.field;
        const objectId = objectIdOf(spec.object);
        const fields = fieldsOf(objects, objectId);
        const existing = fields.find((f) => f.id === items[fieldKey(spec.key)]) ?? fields.find((f) => f.name === spec.name);
        if (existing) {
          if (!existing.description?.includes(RELANCE_MARK) && existing.id !== items[fieldKey(spec.key)]) {
            throw new RelanceError(
              'CONFLICT',
              `The Twenty object "${spec.object}" already has a field "${spec.name}" that Relance did not create: rename or remove it, then install again`,
              { field: 'install' },
            );
          }
          if (existing.id !== items[fieldKey(spec.key)]) report.adopted.push(fieldKey(spec.key));
          await keep(fieldKey(spec.key), existing.id);
          continue;
        }
        const created = await client.createField(
          fieldBody(spec, objectId, spec.relation ? objectIdOf(spec.relation.target as TwentyObjectKey | 'person' | 'company') : undefined),
        );
        await keep(fieldKey(spec.key), created.id);
        report.created.push(fieldKey(spec.key));
        if (spec.relation) objects = await client.objects();
      } else {
        const id = items[fieldKey(change.key)];
        const current = fieldsOf(objects, objectIdOf(change.object)).find((f) => f.id === id);
        if (!id || !current)
          throw new RelanceError('CONFLICT', `Relance's field ${change.key} is missing from the Twenty workspace`, { field: 'install' });
        if (current.name !== change.name) {
          await client.updateField(id, { name: change.name, label: change.label });
          report.renamed.push(`${change.object}.${current.name} → ${change.name}`);
        }
      }
    }
    await installed.setVersion(step.version);
  }
  return report;
}

/**
 * Removes what Relance created and nothing else: its fields on Twenty's own objects, then
 * its objects (their records and relations go with them). Each is deactivated first, as
 * Twenty requires, and forgotten as soon as it is gone (an uninstall cut short resumes).
 */
export async function uninstallTwentySchema(client: TwentyClient, installed: InstalledItems): Promise<string[]> {
  const removed: string[] = [];
  const objects = await client.objects();
  const exists = (id: string) => objects.some((o) => o.id === id || (o.fields ?? []).some((f) => f.id === id));
  const standardFieldKeys = Object.keys(installed.items).filter(
    (key) => key.startsWith('field:') && STANDARD_OBJECTS.includes(key.slice(6).split('.')[0] as TwentyObjectKey),
  );
  const objectKeys = Object.keys(installed.items)
    .filter((key) => key.startsWith('object:'))
    .reverse();
  for (const key of [...standardFieldKeys, ...objectKeys]) {
    const id = installed.items[key];
    if (exists(id)) {
      const isObject = key.startsWith('object:');
      if (isObject) {
        await client.updateObject(id, { isActive: false });
        await client.deleteObject(id);
      } else {
        await client.updateField(id, { isActive: false });
        await client.deleteField(id);
      }
      removed.push(key);
    }
    await installed.record(key, null);
  }
  for (const key of Object.keys(installed.items)) await installed.record(key, null);
  await installed.setVersion(0);
  return removed;
}

function fieldsOf(objects: TwentyObjectMetadata[], objectId: string) {
  return objects.find((o) => o.id === objectId)?.fields ?? [];
}

function objectBody(spec: TwentyObjectSpec): Record<string, unknown> {
  return {
    nameSingular: spec.nameSingular,
    namePlural: spec.namePlural,
    labelSingular: spec.labelSingular,
    labelPlural: spec.labelPlural,
    description: spec.description,
    icon: spec.icon,
    isLabelSyncedWithName: false,
  };
}

function fieldBody(spec: TwentyFieldSpec, objectMetadataId: string, targetObjectMetadataId: string | undefined): Record<string, unknown> {
  return {
    objectMetadataId,
    type: spec.type,
    name: spec.name,
    label: spec.label,
    description: spec.description,
    isLabelSyncedWithName: false,
    ...(spec.options
      ? {
          options: spec.options.map((value, position) => ({
            id: randomUUID(),
            value,
            label: labelOf(value),
            color: COLORS[position % COLORS.length],
            position,
          })),
        }
      : {}),
    ...(spec.relation && targetObjectMetadataId
      ? {
          relationCreationPayload: {
            type: 'MANY_TO_ONE',
            targetObjectMetadataId,
            targetFieldLabel: spec.relation.inverseLabel,
            targetFieldIcon: 'IconLink',
          },
        }
      : {}),
  };
}
