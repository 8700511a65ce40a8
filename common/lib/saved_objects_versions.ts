/*
 * Version rules of saved objects, used by the check and by the development host's importer alike
 * (kibana_saved_objects_facts.md, section 4):
 *  - an object is too new when its type's version (`typeMigrationVersion`, or `migrationVersion[type]` up to
 *    8.7) is newer than the last version this Kibana knows for that type, or its `coreMigrationVersion` is
 *    newer than this Kibana; Kibana refuses the whole import then (Boom badData in bulkCreate);
 *  - model-version types store `10.<n>.0`: compared per type, never with the stack version;
 *  - the documented rule: the same version, a newer minor, or the next major only.
 */

const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

export const isVersion = (value: string): boolean => VERSION.test(value);

const parts = (version: string): [number, number, number] => {
  const match = VERSION.exec(version);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
};

export const compareVersions = (a: string, b: string): number => {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
};

/** The first model version is `10.1.0` (SO/base-server-internal/src/model_version/conversion.ts). */
export const MODEL_VERSION_BASE_MAJOR = 10;

export const isModelVersion = (version: string): boolean => isVersion(version) && parts(version)[0] === MODEL_VERSION_BASE_MAJOR;

export interface VersionedObject {
  id: string;
  type: string;
  migrationVersion?: Record<string, string>;
  coreMigrationVersion?: string;
  typeMigrationVersion?: string;
}

/**
 * Kibana's words when a document is newer than what it knows (8.8+ wording, document_migrator.ts), or
 * undefined when this Kibana knows the object's versions. `latestTypeVersion` is the newest migration or
 * model version (`10.<n>.0`) this Kibana has for the type, undefined when it has none.
 */
export const tooNewReason = (object: VersionedObject, kibanaVersion: string, latestTypeVersion: string | undefined): string | undefined => {
  const typeVersion = object.typeMigrationVersion || object.migrationVersion?.[object.type];
  if (typeVersion && isVersion(typeVersion)) {
    // With no migration of its own, a type knows versions up to this Kibana's.
    const latest = latestTypeVersion ?? kibanaVersion;
    const comparable = isModelVersion(typeVersion) === isModelVersion(latest) || !isModelVersion(typeVersion);
    if ((comparable && compareVersions(typeVersion, latest) > 0) || (!comparable && isModelVersion(typeVersion))) {
      return `Document "${object.id}" belongs to a more recent version of Kibana [${typeVersion}] when the last known version is [${latest}].`;
    }
  }
  if (object.coreMigrationVersion && isVersion(object.coreMigrationVersion) && compareVersions(object.coreMigrationVersion, kibanaVersion) > 0) {
    return `Document "${object.id}" belongs to a more recent version of Kibana [${object.coreMigrationVersion}] when the last known version is [${kibanaVersion}].`;
  }
  return undefined;
};

/** The documented import rule: same version, newer minor, or the next major (a 7.x export into 9.x is not supported). */
export const importVersionGap = (sourceVersion: string, kibanaVersion: string): 'supported' | 'older_than_previous_major' | 'newer' => {
  if (compareVersions(sourceVersion, kibanaVersion) > 0) return 'newer';
  return parts(kibanaVersion)[0] - parts(sourceVersion)[0] > 1 ? 'older_than_previous_major' : 'supported';
};
