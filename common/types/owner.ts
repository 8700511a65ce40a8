/** Who created a saved source, a job or a report: the Elasticsearch user Kibana authenticated, and its realm. */
export interface Owner {
  username: string;
  realm?: string;
  /** The Kibana space it was created in, where Kibana has spaces. */
  space?: string;
}
