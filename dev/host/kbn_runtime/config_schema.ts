/*
 * Development host and jest only: the few @kbn/config-schema functions the plugin's config uses, with
 * the same validation and defaults, so the host reads `migrationAssistant.*` as Kibana would.
 */
export interface Type<V> {
  readonly type: V;
  validate(value: unknown, context?: Record<string, unknown>, namespace?: string): V;
}

const fail = (path: string, message: string): never => {
  throw new Error(`[${path}]: ${message}`);
};

const make = <V>(check: (value: unknown, path: string) => V): Type<V> => ({
  type: undefined as unknown as V,
  validate: (value, _context, namespace) => check(value, namespace ?? 'config'),
});

export const schema = {
  string: (options: { defaultValue?: string; minLength?: number; maxLength?: number } = {}) =>
    make<string>((value, path) => {
      const v = value ?? options.defaultValue;
      if (typeof v !== 'string') return fail(path, `expected value of type [string] but got [${typeof v}]`);
      if (options.minLength !== undefined && v.length < options.minLength) {
        return fail(path, `value has length [${v.length}] but it must have a minimum length of [${options.minLength}].`);
      }
      return v;
    }),
  number: (options: { defaultValue?: number; min?: number; max?: number } = {}) =>
    make<number>((value, path) => {
      const v = value === undefined ? options.defaultValue : typeof value === 'string' ? Number(value) : value;
      if (typeof v !== 'number' || Number.isNaN(v)) return fail(path, `expected value of type [number] but got [${typeof value}]`);
      if (options.min !== undefined && v < options.min) return fail(path, `Value must be equal to or greater than [${options.min}].`);
      if (options.max !== undefined && v > options.max) return fail(path, `Value must be equal to or lower than [${options.max}].`);
      return v;
    }),
  boolean: (options: { defaultValue?: boolean } = {}) =>
    make<boolean>((value, path) => {
      const v = value ?? options.defaultValue;
      return typeof v === 'boolean' ? v : fail(path, `expected value of type [boolean] but got [${typeof v}]`);
    }),
  arrayOf: <T>(item: Type<T>, options: { defaultValue?: T[] } = {}) =>
    make<T[]>((value, path) => {
      const v = value ?? options.defaultValue;
      if (!Array.isArray(v)) return fail(path, `expected value of type [array] but got [${typeof v}]`);
      return v.map((entry, i) => item.validate(entry, {}, `${path}.${i}`));
    }),
  maybe: <T>(inner: Type<T>) => make<T | undefined>((value, path) => (value === undefined ? undefined : inner.validate(value, {}, path))),
  object: <P extends Record<string, Type<unknown>>>(props: P) =>
    make<{ [K in keyof P]: P[K]['type'] }>((value, path) => {
      const v = (value ?? {}) as Record<string, unknown>;
      if (typeof v !== 'object' || Array.isArray(v)) return fail(path, 'expected a plain object value');
      for (const key of Object.keys(v)) if (!(key in props)) fail(`${path}.${key}`, 'definition for this key is missing');
      const out: Record<string, unknown> = {};
      for (const [key, type] of Object.entries(props)) out[key] = type.validate(v[key], {}, `${path}.${key}`);
      return out as { [K in keyof P]: P[K]['type'] };
    }),
};

export type TypeOf<RT extends Type<unknown>> = RT['type'];
