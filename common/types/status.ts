/* GET /api/migration_assistant/status */
export interface DestinationStatus {
  cluster_name: string;
  version: string;
  build_flavor?: string;
}

export interface StatusResponse {
  destination: DestinationStatus;
  encryption_configured: boolean;
}
