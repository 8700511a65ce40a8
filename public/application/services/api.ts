/* The app's only way to the server: a typed client over Kibana's `http` service and the public routes. */
import type { HttpSetup } from '@kbn/core/public';
import { API_BASE_PATH, API_VERSION } from '../../../common/constants';
import type { ErrorAttributes } from '../../../common/types/errors';
import type { Job, JobsResponse, JobStatus, ReindexJobRequest, SnapshotRestoreJobRequest } from '../../../common/types/jobs';
import type { Repository, RepositoryInput, SnapshotSummary } from '../../../common/types/snapshots';
import type { PreflightRequest, PreflightResponse } from '../../../common/types/preflight';
import type { Source, SourceIndicesResponse, SourceInfo, SourceInput, SourcesResponse } from '../../../common/types/sources';
import type {
  SavedObjectsCheckReport,
  SavedObjectsFrom,
  SavedObjectsImportReport,
  SavedObjectsListResponse,
  SavedObjectsSelectionRequest,
  SavedObjectsVerifyReport,
  SavedObjectsVerifyRequest,
} from '../../../common/types/saved_objects';
import type { StatusResponse } from '../../../common/types/status';
import type { VerificationReport, VerificationRequest, VerificationsResponse } from '../../../common/types/verifications';

/** What a failed call rejects with: Kibana's error body, with our `attributes`. */
export interface ApiError {
  statusCode?: number;
  message: string;
  attributes?: ErrorAttributes;
}

export const toApiError = (error: unknown): ApiError => {
  const body = (error as { body?: { statusCode?: number; message?: string; attributes?: ErrorAttributes } }).body;
  if (body?.message) return { statusCode: body.statusCode, message: body.message, attributes: body.attributes };
  return { message: error instanceof Error ? error.message : String(error) };
};

export const createApi = (http: HttpSetup) => {
  const options = (extra: { body?: unknown; query?: Record<string, string | number | boolean | undefined> } = {}) => ({
    version: API_VERSION,
    ...(extra.body !== undefined ? { body: JSON.stringify(extra.body) } : {}),
    ...(extra.query ? { query: extra.query } : {}),
  });
  return {
    getStatus: () => http.get<StatusResponse>(`${API_BASE_PATH}/status`, options()),
    listSources: () => http.get<SourcesResponse>(`${API_BASE_PATH}/sources`, options()),
    createSource: (input: SourceInput) => http.post<Source>(`${API_BASE_PATH}/sources`, options({ body: input })),
    updateSource: (id: string, input: SourceInput) => http.put<Source>(`${API_BASE_PATH}/sources/${encodeURIComponent(id)}`, options({ body: input })),
    deleteSource: (id: string) => http.delete<void>(`${API_BASE_PATH}/sources/${encodeURIComponent(id)}`, options()),
    getSourceInfo: (id: string) => http.get<SourceInfo>(`${API_BASE_PATH}/sources/${encodeURIComponent(id)}/info`, options()),
    listSourceIndices: (id: string, query: { pattern?: string; page?: number; per_page?: number; include_system?: boolean; include_hidden?: boolean }) =>
      http.get<SourceIndicesResponse>(`${API_BASE_PATH}/sources/${encodeURIComponent(id)}/indices`, options({ query })),
    preflight: (request: PreflightRequest & { rename?: { pattern: string; replacement: string } }) =>
      http.post<PreflightResponse>(`${API_BASE_PATH}/preflight`, options({ body: request })),
    planJob: (request: ReindexJobRequest) =>
      http.post<Job & { plan?: { requests: string[] } }>(`${API_BASE_PATH}/jobs`, options({ body: request, query: { dry_run: true } })),
    createJob: (request: ReindexJobRequest) => http.post<Job>(`${API_BASE_PATH}/jobs`, options({ body: request })),
    listJobs: (query: { status?: JobStatus; page?: number; per_page?: number } = {}) =>
      http.get<JobsResponse>(`${API_BASE_PATH}/jobs`, options({ query })),
    getJob: (id: string) => http.get<Job>(`${API_BASE_PATH}/jobs/${encodeURIComponent(id)}`, options()),
    cancelJob: (id: string, itemId?: string) =>
      http.post<Job>(`${API_BASE_PATH}/jobs/${encodeURIComponent(id)}/_cancel`, options({ body: itemId ? { item_id: itemId } : {} })),
    retryJob: (id: string, mode: 'resume' | 'restart', itemIds?: string[]) =>
      http.post<Job>(`${API_BASE_PATH}/jobs/${encodeURIComponent(id)}/_retry`, options({ body: { mode, ...(itemIds ? { item_ids: itemIds } : {}) } })),
    /** A continuous job (issue 16): cut over with the typed phrase, or roll the cutover back. */
    cutoverJob: (id: string, confirmation: string) => http.post<Job>(`${API_BASE_PATH}/jobs/${encodeURIComponent(id)}/_cutover`, options({ body: { confirmation } })),
    rollbackJob: (id: string) => http.post<Job>(`${API_BASE_PATH}/jobs/${encodeURIComponent(id)}/_rollback`, options()),
    rethrottleJob: (id: string, requestsPerSecond: number) =>
      http.post<Job>(`${API_BASE_PATH}/jobs/${encodeURIComponent(id)}/_rethrottle`, options({ body: { requests_per_second: requestsPerSecond } })),
    listRepositories: () => http.get<{ repositories: Repository[] }>(`${API_BASE_PATH}/repositories`, options()),
    registerRepository: (name: string, input: RepositoryInput) =>
      http.put<Repository>(`${API_BASE_PATH}/repositories/${encodeURIComponent(name)}`, options({ body: input })),
    listSnapshots: (repository: string) =>
      http.get<{ snapshots: SnapshotSummary[] }>(`${API_BASE_PATH}/repositories/${encodeURIComponent(repository)}/snapshots`, options()),
    planRestore: (request: SnapshotRestoreJobRequest) =>
      http.post<Job & { plan?: { requests: string[] } }>(`${API_BASE_PATH}/jobs`, options({ body: request, query: { dry_run: true } })),
    createRestoreJob: (request: SnapshotRestoreJobRequest) => http.post<Job>(`${API_BASE_PATH}/jobs`, options({ body: request })),
    createVerification: (request: VerificationRequest) => http.post<VerificationReport>(`${API_BASE_PATH}/verifications`, options({ body: request })),
    listVerifications: (query: { page?: number; per_page?: number } = {}) =>
      http.get<VerificationsResponse>(`${API_BASE_PATH}/verifications`, options({ query })),
    getVerification: (id: string) => http.get<VerificationReport>(`${API_BASE_PATH}/verifications/${encodeURIComponent(id)}`, options()),
    getVerificationMarkdown: (id: string) =>
      http.get<string>(`${API_BASE_PATH}/verifications/${encodeURIComponent(id)}`, options({ query: { format: 'markdown' } })),
    getCleanupPlan: (id: string) =>
      http.get<{ indices: string[]; snapshot?: { repository: string; snapshot: string } }>(`${API_BASE_PATH}/jobs/${encodeURIComponent(id)}/cleanup`, options()),
    cleanupJob: (id: string, indices: string[]) =>
      http.post<{ indices: string[] }>(`${API_BASE_PATH}/jobs/${encodeURIComponent(id)}/_cleanup`, options({ body: { indices } })),
    reindexIntoPlace: (id: string, body: { safety_repository?: string; confirmation?: string }) =>
      http.post<{ status: 'running' | 'completed' | 'failed'; results: Array<{ from: string; to: string; created: number; updated: number }> }>(
        `${API_BASE_PATH}/jobs/${encodeURIComponent(id)}/_reindex_into_place`,
        options({ body })
      ),
    deleteJob: (id: string) => http.delete<void>(`${API_BASE_PATH}/jobs/${encodeURIComponent(id)}`, options()),
    // Saved objects into this Kibana (issue 17)
    listSavedObjects: (from: SavedObjectsFrom) =>
      http.get<SavedObjectsListResponse>(`${API_BASE_PATH}/saved_objects`, options({ query: 'source_id' in from ? { source_id: from.source_id } : { index: from.index } })),
    checkSavedObjects: (request: SavedObjectsSelectionRequest) => http.post<SavedObjectsCheckReport>(`${API_BASE_PATH}/saved_objects/_check`, options({ body: request })),
    /** Kibana's http answers application/ndjson with a Blob (fetch.ts); the text either way. */
    exportSavedObjects: async (request: SavedObjectsSelectionRequest): Promise<string> => {
      const body = await http.post<string | Blob>(`${API_BASE_PATH}/saved_objects/_export`, options({ body: request }));
      return typeof body === 'string' ? body : body.text();
    },
    importSavedObjects: (request: SavedObjectsSelectionRequest) => http.post<SavedObjectsImportReport>(`${API_BASE_PATH}/saved_objects/_import`, options({ body: request })),
    verifySavedObjects: (request: SavedObjectsVerifyRequest) => http.post<SavedObjectsVerifyReport>(`${API_BASE_PATH}/saved_objects/_verify`, options({ body: request })),
  };
};

export type MigrationApi = ReturnType<typeof createApi>;
