#!/usr/bin/env node
/**
 * The `choreo` command line: finds the command by its words, answers `--help` from the command's declared
 * usage and options, parses options with node:util, wires SIGINT and SIGTERM to a clean stop (one line;
 * commands that stop cleanly get their signal aborted, the others end at once; a second signal always ends at
 * once; exit 130 for SIGINT, 143 for SIGTERM) and exits with the command's code: errors print one line, exit
 * 2 for misuse (a bad flag or config value) and 1 otherwise.
 */
import { parseArgs } from "node:util";
import { describeCause, exitCodeOf, formatCommandHelp, formatCommandIndex } from "@choreo/core";
import type { Command } from "./command.js";
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

const help = (): string => formatCommandIndex("choreo", commands);

/** 128 + the signal number, as shells report a process a signal ended. */
function signalExitCode(signal: NodeJS.Signals): number {
  return signal === "SIGTERM" ? 143 : 130;
}

async function main(argv: string[]): Promise<number> {
  const command = commands
    .filter((c) => c.words.every((w, i) => argv[i] === w))
    .sort((a, b) => b.words.length - a.words.length)[0];
  const asked = argv.length === 0 || argv.includes("--help");
  if (command === undefined) {
    process.stderr.write(asked ? help() : `unknown command: ${argv.join(" ")}\n\n${help()}`);
    return asked ? 0 : 2;
  }
  if (asked) {
    process.stdout.write(formatCommandHelp(command));
    return 0;
  }
  const controller = new AbortController();
  let interruptedBy: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    const code = signalExitCode(signal);
    if (interruptedBy !== undefined || command.stopsCleanly !== true) {
      if (interruptedBy === undefined) process.stderr.write(`interrupted by ${signal}\n`);
      process.exit(code);
    }
    interruptedBy = signal;
    process.stderr.write(`interrupted by ${signal}: stopping cleanly (a second signal quits at once)\n`);
    controller.abort(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.slice(command.words.length),
      options: command.options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\nusage: ${command.usage}\n`);
    return 2;
  }
  try {
    const code = await command.run({
      positionals: parsed.positionals,
      values: parsed.values,
      stdout: process.stdout,
      stderr: process.stderr,
      signal: controller.signal,
    });
    return interruptedBy === undefined ? code : signalExitCode(interruptedBy);
  } catch (error) {
    // What a command throws after an interrupt (a cancelled encode, say) is the interrupt's doing, said already.
    if (interruptedBy !== undefined) return signalExitCode(interruptedBy);
    process.stderr.write(`${describeCause(error).replace(/\s*\n\s*/g, " ")}\n`);
    return exitCodeOf(error);
  }
}

process.exitCode = await main(process.argv.slice(2));
