/**
 * The shared store on S3-compatible object storage (`s3://bucket/prefix`), in the local store's layout under
 * the prefix: `cas/sha256/ab/<hex>`, `ac/ab/<key>.json`, `refs/<dataset>/<tag>`. A blob is HEADed before it is
 * PUT (existing blobs are not re-sent), large blobs go up in parts, and downloads land in the local store,
 * which hashes them: a blob whose bytes do not match its name is deleted and reported missing. It does not
 * lock: object writes are atomic and every name is a content digest or a content-derived key.
 */
import { createReadStream, createWriteStream, readFileSync, rmSync, statSync } from "node:fs";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import {
  digestHex,
  tmpName,
  type ActionEntry,
  type Digest,
  type RefRecord,
  type RemoteStore,
} from "@choreo/core";
import { Unreachable } from "./errors.js";

export interface S3StoreOptions {
  readonly client: S3Client;
  readonly bucket: string;
  /** Key prefix, without leading or trailing slash ("" for the bucket root). */
  readonly prefix: string;
  /** Blobs at least this large are uploaded in parts (default 16 MiB). */
  readonly multipartBytes?: number;
}

const notFound = (error: unknown): boolean => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === "NotFound" || e.name === "NoSuchKey" || e.$metadata?.httpStatusCode === 404;
};

/** Opens the store at `s3://bucket/prefix` through `client`. */
export function createS3Store(options: S3StoreOptions): RemoteStore {
  const { client, bucket } = options;
  const multipartBytes = options.multipartBytes ?? 16 * 1024 * 1024;
  const base = options.prefix === "" ? "" : `${options.prefix}/`;
  const url = `s3://${bucket}${options.prefix === "" ? "" : `/${options.prefix}`}`;
  const known = new Set<Digest>(); // blobs seen in the bucket by this process
  const blobKey = (digest: Digest): string => {
    const hex = digestHex(digest);
    return `${base}cas/sha256/${hex.slice(0, 2)}/${hex}`;
  };
  const actionKey = (key: string): string => `${base}ac/${key.slice(0, 2)}/${key}.json`;
  const refKey = (dataset: string, tag: string): string => `${base}refs/${dataset}/${tag}`;

  const getText = async (key: string): Promise<string | undefined> => {
    try {
      const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return await res.Body!.transformToString();
    } catch (error) {
      if (notFound(error)) return undefined;
      throw error;
    }
  };
  const putText = async (key: string, text: string): Promise<void> => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: text }));
  };
  const list = async (prefix: string): Promise<{ key: string; size: number }[]> => {
    const out: { key: string; size: number }[] = [];
    let token: string | undefined;
    do {
      const res = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const o of res.Contents ?? []) out.push({ key: o.Key!, size: o.Size ?? 0 });
      token = res.IsTruncated === true ? res.NextContinuationToken : undefined;
    } while (token !== undefined);
    return out;
  };
  const hasBlob = async (digest: Digest): Promise<boolean> => {
    if (known.has(digest)) return true;
    try {
      await client.send(new HeadObjectCommand({ Bucket: bucket, Key: blobKey(digest) }));
      known.add(digest);
      return true;
    } catch (error) {
      if (notFound(error)) return false;
      throw error;
    }
  };
  const lastName = (key: string): string => key.slice(key.lastIndexOf("/") + 1);

  return {
    url,
    async probe() {
      try {
        await client.send(new HeadBucketCommand({ Bucket: bucket }), {
          abortSignal: AbortSignal.timeout(8000),
        });
      } catch (error) {
        throw new Unreachable("store", url, error);
      }
    },
    hasBlob,
    async pushBlob(digest, cache) {
      if (await hasBlob(digest)) return;
      const path = cache.verifiedPath(digest); // never upload bytes that do not hash to their name
      const size = statSync(path).size;
      if (size >= multipartBytes) {
        const body = createReadStream(path);
        const params = { Bucket: bucket, Key: blobKey(digest), Body: body };
        await new Upload({ client, params, partSize: 8 * 1024 * 1024, queueSize: 4 }).done();
      } else {
        const body = readFileSync(path);
        await client.send(
          new PutObjectCommand({ Bucket: bucket, Key: blobKey(digest), Body: body, ContentLength: size }),
        );
      }
      known.add(digest);
    },
    async fetchBlob(digest, cache) {
      if (cache.hasBlob(digest)) return true;
      let body;
      try {
        body = (await client.send(new GetObjectCommand({ Bucket: bucket, Key: blobKey(digest) }))).Body;
      } catch (error) {
        if (notFound(error)) return false;
        throw error;
      }
      const tmp = tmpName(cache);
      try {
        await pipeline(body as Readable, createWriteStream(tmp));
        const got = await cache.importFile(tmp, { remember: false });
        if (got.digest === digest) return true;
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: blobKey(digest) }));
        known.delete(digest);
        return false;
      } finally {
        rmSync(tmp, { force: true });
      }
    },
    async readAction(key) {
      const text = await getText(actionKey(key));
      if (text === undefined) return undefined;
      try {
        const entry = JSON.parse(text) as ActionEntry;
        return entry.key === key && entry.status === "ok" ? entry : undefined;
      } catch {
        return undefined; // a foreign object is a miss; the rerun overwrites it
      }
    },
    writeAction: (entry) => putText(actionKey(entry.key), JSON.stringify(entry)),
    async readRef(dataset, tag) {
      const text = await getText(refKey(dataset, tag));
      return text === undefined ? undefined : (JSON.parse(text) as RefRecord);
    },
    writeRef: (record) => putText(refKey(record.dataset, record.tag), JSON.stringify(record)),
    async listRefs() {
      const refs: RefRecord[] = [];
      for (const o of await list(`${base}refs/`)) {
        const text = await getText(o.key);
        if (text !== undefined) refs.push(JSON.parse(text) as RefRecord);
      }
      return refs;
    },
    async listBlobs() {
      const blobs = await list(`${base}cas/sha256/`);
      return blobs.map((o) => ({ digest: `sha256:${lastName(o.key)}`, size: o.size }));
    },
    async listActions() {
      return (await list(`${base}ac/`)).map((o) => lastName(o.key).replace(/\.json$/, ""));
    },
    async deleteBlob(digest) {
      known.delete(digest);
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: blobKey(digest) }));
    },
    async deleteAction(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: actionKey(key) }));
    },
    close: () => Promise.resolve(client.destroy()),
  };
}
