import { cpSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bertHubModelId, ensureBertModel } from "./bertDownload.js";
import { BERT_MODEL_FILES } from "./bertModel.js";

const fixture = new URL("../test/fixtures/tiny-bert/", import.meta.url).pathname;

// An in-memory hub on localhost: `/<org>/<name>/resolve/<revision>/<file>` serves the tiny BERT's files.
let server: Server;
let hubUrl: string;
const requested: string[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    const url = request.url ?? "";
    requested.push(url);
    const match = /^\/test\/tiny-bert\/resolve\/main\/(.+)$/.exec(url);
    if (match === null) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200).end(readFileSync(join(fixture, match[1]!)));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => server.close(() => done())));

describe("ensureBertModel", () => {
  it("returns a complete folder without touching the network", async () => {
    const modelsDir = join(fixture, "..");
    await expect(
      ensureBertModel({ modelsDir, modelId: "tiny-bert", hubUrl: "http://127.0.0.1:9" }),
    ).resolves.toBe(fixture.replace(/\/$/, ""));
  });

  it("throws ModelNotFound for a missing folder when downloads are not allowed", async () => {
    const modelsDir = mkdtempSync(join(tmpdir(), "choreo-bert-"));
    await expect(ensureBertModel({ modelsDir, hubUrl })).rejects.toMatchObject({
      _tag: "ModelNotFound",
      folder: join(modelsDir, "bert-base-uncased"),
    });
    expect(requested).toEqual([]);
  });

  it("downloads only the missing files when allowed", async () => {
    const modelsDir = mkdtempSync(join(tmpdir(), "choreo-bert-"));
    cpSync(join(fixture, "config.json"), join(modelsDir, "tiny", "config.json"), { recursive: true });
    const options = { modelsDir, modelId: "tiny", hubModelId: "test/tiny-bert", hubUrl, allowDownload: true };
    const folder = await ensureBertModel(options);
    expect(requested).toEqual(BERT_MODEL_FILES.slice(1).map((f) => `/test/tiny-bert/resolve/main/${f}`));
    for (const file of BERT_MODEL_FILES) {
      expect(readFileSync(join(folder, file)).equals(readFileSync(join(fixture, file)))).toBe(true);
    }
  });

  it("fails with ModelDownloadFailed on an HTTP error", async () => {
    const modelsDir = mkdtempSync(join(tmpdir(), "choreo-bert-"));
    const options = { modelsDir, hubModelId: "test/absent", hubUrl, allowDownload: true };
    await expect(ensureBertModel(options)).rejects.toMatchObject({ _tag: "ModelDownloadFailed" });
  });
});

describe("bertHubModelId", () => {
  it("maps the default to its ONNX export and keeps other ids", () => {
    expect(bertHubModelId({ modelsDir: "/m" })).toBe("Xenova/bert-base-uncased");
    expect(bertHubModelId({ modelsDir: "/m", modelId: "org/other" })).toBe("org/other");
  });
});
