export { InvalidFormat, isFeaturesError } from "./errors.js";
export type { FeaturesError } from "./errors.js";
