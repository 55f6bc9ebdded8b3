export { InvalidFormat, isIngestError } from "./errors.js";
export type { IngestError } from "./errors.js";
