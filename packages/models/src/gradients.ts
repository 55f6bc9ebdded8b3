/**
 * Registers TF.js's gradient functions (and chained ops). tfjs-core's Node bundle ships without them (they
 * are registered by `@tensorflow/tfjs`'s bundle into the engine's global registries), so every module that
 * differentiates imports this file first. Nothing else from the union package is used.
 */
import "@tensorflow/tfjs";
