/*
 * The parts of Kibana's server core the plugin uses, as Kibana 8.19 / 9.x declare them.
 * Mirrors:
 *   src/core/packages/plugins/server/src/types.ts                       (Plugin, PluginInitializerContext, PluginConfigDescriptor)
 *   src/core/packages/lifecycle/server/src/core_setup.ts, core_start.ts (CoreSetup, CoreStart)
 *   src/core/packages/http/server/src/router/{router.ts,route.ts,request_handler.ts,route_validator.ts,response.ts,response_factory.d.ts}
 *   src/core/packages/http/server/src/versioning/types.ts              (versioned router)
 *   src/core/packages/http/request-handler-context-server/src/request_handler_context.ts
 *   src/core/packages/elasticsearch/server/src/client/client.ts        (ElasticsearchClient)
 *   src/core/packages/logging/... (Logger, from @kbn/logging)
 *   src/core/packages/saved-objects/... (the saved objects service: kbn_core_saved_objects_server.d.ts)
 */
import type { Client } from '@elastic/elasticsearch';
import type { Observable } from 'rxjs';
import type { SavedObjectsServiceStart } from './kbn_core_saved_objects_server';

export type * from './kbn_core_saved_objects_server';

export type ElasticsearchClient = Omit<Client, 'connectionPool' | 'serializer' | 'extend' | 'close' | 'diagnostic'>;

export interface IScopedClusterClient {
  readonly asInternalUser: ElasticsearchClient;
  readonly asCurrentUser: ElasticsearchClient;
  readonly asSecondaryAuthUser: ElasticsearchClient;
}

export interface IClusterClient {
  readonly asInternalUser: ElasticsearchClient;
  asScoped(request: KibanaRequest | { headers: Record<string, string | string[] | undefined> }): IScopedClusterClient;
}

export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string | Error): void;
  error(message: string | Error): void;
  fatal(message: string | Error): void;
  get(...childContextPaths: string[]): Logger;
}

export interface PackageInfo {
  version: string;
  branch: string;
  buildNum: number;
  buildSha: string;
  dist: boolean;
}

export interface PluginInitializerContext<ConfigSchema = unknown> {
  opaqueId: symbol;
  env: {
    mode: { name: 'development' | 'production'; dev: boolean; prod: boolean };
    packageInfo: Readonly<PackageInfo>;
    instanceUuid: string;
    configs: readonly string[];
  };
  logger: { get(...childContextPaths: string[]): Logger };
  config: {
    get<T = ConfigSchema>(): T;
    create<T = ConfigSchema>(): Observable<T>;
  };
}

export interface PluginConfigDescriptor<T = unknown> {
  schema: unknown;
  exposeToBrowser?: { [P in keyof T]?: boolean };
}

export interface Plugin<TSetup = void, TStart = void, TPluginsSetup extends object = object, TPluginsStart extends object = object> {
  setup(core: CoreSetup<TPluginsStart, TStart>, plugins: TPluginsSetup): TSetup;
  start(core: CoreStart, plugins: TPluginsStart): TStart;
  stop?(): void | Promise<void>;
}

export interface CoreSetup<TPluginsStart extends object = object, TStart = unknown> {
  http: { createRouter<Context extends RequestHandlerContext = RequestHandlerContext>(): IRouter<Context> };
  getStartServices(): Promise<[CoreStart, TPluginsStart, TStart]>;
}

export interface CoreStart {
  elasticsearch: { client: IClusterClient };
  /** src/core/packages/saved-objects/server/src/contracts.ts (declared in kbn_core_saved_objects_server.d.ts). */
  savedObjects: SavedObjectsServiceStart;
}

export interface KibanaRequest<P = unknown, Q = unknown, B = unknown> {
  readonly id: string;
  readonly url: URL;
  readonly route: { path: string; method: string };
  readonly headers: Record<string, string | string[] | undefined>;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
}

export interface RequestHandlerContext {
  core: Promise<{ elasticsearch: { client: IScopedClusterClient } }>;
}

// ---- validation (route_validator.ts)
export class RouteValidationError extends Error {
  constructor(error: Error | string, path?: string[]);
}
export interface RouteValidationResultFactory {
  ok<T>(value: T): { value: T };
  badRequest(error: Error | string, path?: string[]): { error: RouteValidationError };
}
export type RouteValidationFunction<T> = (
  // Kibana types the raw input as any: the function is what narrows it.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any,
  validationResult: RouteValidationResultFactory
) => { value: T; error?: never } | { value?: never; error: RouteValidationError };

export interface RouteValidatorConfig<P, Q, B> {
  params?: RouteValidationFunction<P>;
  query?: RouteValidationFunction<Q>;
  body?: RouteValidationFunction<B>;
}

// ---- security (route.ts)
export type RouteAuthz =
  | { requiredPrivileges: Array<string | { anyRequired?: string[]; allRequired?: string[] }> }
  | { enabled: false; reason: string };
export interface RouteSecurity {
  authz: RouteAuthz;
  authc?: { enabled: true | 'optional' | false; reason?: string };
}

// ---- responses (response.ts, response_factory.d.ts)
export interface IKibanaResponse<T = unknown> {
  readonly status: number;
  readonly payload?: T;
  readonly options: { headers?: Record<string, string> };
}
export type ResponseError = string | Error | { message: string | Error; attributes?: Record<string, unknown> };
export interface HttpResponseOptions<T = unknown> {
  body?: T;
  headers?: Record<string, string>;
}
export interface CustomHttpResponseOptions<T = unknown> extends HttpResponseOptions<T> {
  statusCode: number;
}
export interface KibanaResponseFactory {
  ok<T>(options?: HttpResponseOptions<T>): IKibanaResponse<T>;
  created<T>(options?: HttpResponseOptions<T>): IKibanaResponse<T>;
  accepted<T>(options?: HttpResponseOptions<T>): IKibanaResponse<T>;
  noContent(options?: HttpResponseOptions<never>): IKibanaResponse<never>;
  badRequest(options?: HttpResponseOptions<ResponseError>): IKibanaResponse<ResponseError>;
  notFound(options?: HttpResponseOptions<ResponseError>): IKibanaResponse<ResponseError>;
  conflict(options?: HttpResponseOptions<ResponseError>): IKibanaResponse<ResponseError>;
  customError(options: CustomHttpResponseOptions<ResponseError>): IKibanaResponse<ResponseError>;
  custom<T>(options: CustomHttpResponseOptions<T>): IKibanaResponse<T>;
}

export type RequestHandler<P, Q, B, Context extends RequestHandlerContext = RequestHandlerContext> = (
  context: Context,
  request: KibanaRequest<P, Q, B>,
  response: KibanaResponseFactory
) => IKibanaResponse | Promise<IKibanaResponse>;

// ---- versioned router (versioning/types.ts)
export interface VersionedRouteConfig {
  path: string;
  access: 'internal' | 'public';
  security: RouteSecurity;
  summary?: string;
  description?: string;
  options?: { tags?: string[]; body?: { maxBytes?: number } };
}
export interface AddVersionOpts<P, Q, B> {
  version: string;
  validate: false | { request: RouteValidatorConfig<P, Q, B> };
}
export interface VersionedRoute<Context extends RequestHandlerContext = RequestHandlerContext> {
  addVersion<P = unknown, Q = unknown, B = unknown>(
    options: AddVersionOpts<P, Q, B>,
    handler: RequestHandler<P, Q, B, Context>
  ): VersionedRoute<Context>;
}
export interface VersionedRouter<Context extends RequestHandlerContext = RequestHandlerContext> {
  get(config: VersionedRouteConfig): VersionedRoute<Context>;
  post(config: VersionedRouteConfig): VersionedRoute<Context>;
  put(config: VersionedRouteConfig): VersionedRoute<Context>;
  patch(config: VersionedRouteConfig): VersionedRoute<Context>;
  delete(config: VersionedRouteConfig): VersionedRoute<Context>;
}

export interface IRouter<Context extends RequestHandlerContext = RequestHandlerContext> {
  routerPath: string;
  versioned: VersionedRouter<Context>;
}
