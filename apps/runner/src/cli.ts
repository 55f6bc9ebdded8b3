#!/usr/bin/env node
/**
 * The `choreo` command line: the list of commands; @choreo/core's `runCommandLine` finds the one named,
 * parses its options, handles `--help`, SIGINT/SIGTERM and errors, and gives the exit code.
 */
import { runCommandLine, type Command } from "@choreo/core";
import audioFeatures from "./commands/audioFeatures.js";
import buildDataset from "./commands/buildDataset.js";
import evalMotion from "./commands/evalMotion.js";
import gc from "./commands/gc.js";
import inspect from "./commands/inspect.js";
import lrcSlice from "./commands/lrcSlice.js";
import motionConvert from "./commands/motionConvert.js";
import pose from "./commands/pose.js";
import status from "./commands/status.js";
import render from "./commands/render.js";
import exportBvh from "./commands/exportBvh.js";
import train from "./commands/train.js";
import sample from "./commands/sample.js";
import verify from "./commands/verify.js";

const commands: Command[] = [
  buildDataset,
  status,
  gc,
  inspect,
  lrcSlice,
  audioFeatures,
  evalMotion,
  motionConvert,
  pose,
  render,
  exportBvh,
  train,
  sample,
  verify,
];

process.exitCode = await runCommandLine("choreo", commands, process.argv.slice(2));
