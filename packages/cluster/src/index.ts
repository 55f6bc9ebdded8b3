/** @choreo/cluster: builds across machines (shared stores, the BullMQ executor, `choreo worker`). */
export { InvalidClusterUrl, JobRefused, Unreachable } from "./errors.js";
export type { ClusterError } from "./errors.js";
export { createS3Store } from "./s3Store.js";
export type { S3StoreOptions } from "./s3Store.js";
export { openRemoteStore, s3ClientFromEnv } from "./storeUrl.js";
export { createBullmqExecutor } from "./bullmqExecutor.js";
export type { BullmqExecutor, BullmqExecutorOptions } from "./bullmqExecutor.js";
export { createClusterWorker } from "./clusterWorker.js";
export type { ClusterWorker, ClusterWorkerOptions } from "./clusterWorker.js";
export { parseRedisUrl, poolNames, poolOf, probeRedis, queueName } from "./redis.js";
export type { PoolName, RedisConnection } from "./redis.js";
export type { ActionJob, ActionJobProgress, ActionJobResult } from "./jobData.js";
export { collectStages, openCluster, openProbed, parsePools } from "./clusterSession.js";
export type { Cluster, ClusterFlags } from "./clusterSession.js";
export { collectRemoteGarbage } from "./remoteGc.js";
export type { RemoteGcResult } from "./remoteGc.js";
