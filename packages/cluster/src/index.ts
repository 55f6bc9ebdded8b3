/** @choreo/cluster: builds across machines (shared stores, the BullMQ executor, `choreo worker`). */
export { InvalidClusterUrl, JobRefused, Unreachable } from "./errors.js";
export type { ClusterError } from "./errors.js";
export { createS3Store } from "./s3Store.js";
export type { S3StoreOptions } from "./s3Store.js";
export { openRemoteStore, s3ClientFromEnv } from "./storeUrl.js";
