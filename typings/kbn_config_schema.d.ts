/*
 * The few @kbn/config-schema functions the plugin's config uses.
 * Mirrors src/platform/packages/shared/kbn-config-schema/index.ts (schema.object, string, number, boolean,
 * arrayOf, maybe; TypeOf).
 */
export interface Type<V> {
  readonly type: V;
  validate(value: unknown, context?: Record<string, unknown>, namespace?: string): V;
}
type Props = Record<string, Type<unknown>>;
type ObjectResult<P extends Props> = { [K in keyof P]: P[K]['type'] };
export interface ObjectType<P extends Props = Props> extends Type<ObjectResult<P>> {}

export interface StringOptions {
  defaultValue?: string;
  minLength?: number;
  maxLength?: number;
  validate?: (value: string) => string | void;
}
export interface NumberOptions {
  defaultValue?: number;
  min?: number;
  max?: number;
}

export declare const schema: {
  object<P extends Props>(props: P, options?: { unknowns?: 'allow' | 'ignore' | 'forbid' }): ObjectType<P>;
  string(options?: StringOptions): Type<string>;
  number(options?: NumberOptions): Type<number>;
  boolean(options?: { defaultValue?: boolean }): Type<boolean>;
  arrayOf<T>(itemType: Type<T>, options?: { defaultValue?: T[]; minSize?: number; maxSize?: number }): Type<T[]>;
  maybe<T>(type: Type<T>): Type<T | undefined>;
};

export type TypeOf<RT extends Type<unknown>> = RT['type'];
