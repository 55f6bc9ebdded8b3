/**
 * `--store URL` to a shared store: `s3://bucket/prefix` (endpoint, region and credentials from the standard
 * AWS environment variables, passed in once by the caller) or a directory path. It opens, it does not probe:
 * callers `probe()` before they depend on the store.
 */
import { resolve } from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import { createDirRemoteStore, type RemoteStore } from "@choreo/core";
import { InvalidClusterUrl } from "./errors.js";
import { createS3Store } from "./s3Store.js";

/** An S3 client configured from AWS_ENDPOINT_URL, AWS_REGION and the credential variables. */
export function s3ClientFromEnv(env: NodeJS.ProcessEnv): S3Client {
  const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey } = env;
  return new S3Client({
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1",
    // Self-hosted S3 (MinIO, s3rver, Ceph) addresses buckets by path, not by DNS name.
    ...(endpoint !== undefined ? { endpoint, forcePathStyle: true } : {}),
    ...(accessKeyId !== undefined && secretAccessKey !== undefined
      ? {
          credentials: {
            accessKeyId,
            secretAccessKey,
            ...(env.AWS_SESSION_TOKEN !== undefined ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
          },
        }
      : {}),
    // Checksums only where S3 requires them: S3-compatible servers reject the newer trailing checksums.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    requestHandler: { connectionTimeout: 5000, requestTimeout: 120_000 },
    maxAttempts: 3,
  });
}

/** Opens the shared store a `--store` value names. */
export function openRemoteStore(url: string, options: { env: NodeJS.ProcessEnv; cwd: string }): RemoteStore {
  if (url.startsWith("s3://")) {
    const [bucket = "", ...rest] = url.slice("s3://".length).split("/");
    if (bucket === "") throw new InvalidClusterUrl(url, "expected s3://BUCKET/PREFIX");
    const prefix = rest.filter((p) => p !== "").join("/");
    return createS3Store({ client: s3ClientFromEnv(options.env), bucket, prefix });
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    throw new InvalidClusterUrl(url, "a store is s3://BUCKET/PREFIX or a directory");
  }
  return createDirRemoteStore(resolve(options.cwd, url));
}
