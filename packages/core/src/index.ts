export { TaggedError, isTagged, tagOf } from "./taggedError.js";
