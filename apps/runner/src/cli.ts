#!/usr/bin/env node
/**
 * The `choreo` command line: finds the command by its words, parses options with node:util, wires SIGINT
 * to a clean cancel (a second SIGINT exits at once) and exits with the command's code.
 */
import { parseArgs } from "node:util";
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
import worker from "./commands/worker.js";

// choreo supports Node 20; the AWS SDK's notice that its future releases will not is not for choreo's users.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

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
  worker,
];

function help(): string {
  return [
    "usage: choreo <command> [options]",
    "",
    ...commands.map((c) => `  ${c.usage}\n      ${c.describe}`),
    "",
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const command = commands
    .filter((c) => c.words.every((w, i) => argv[i] === w))
    .sort((a, b) => b.words.length - a.words.length)[0];
  if (command === undefined) {
    process.stderr.write(
      argv.length === 0 || argv[0] === "--help" ? help() : `unknown command: ${argv.join(" ")}\n\n${help()}`,
    );
    return argv.length === 0 || argv[0] === "--help" ? 0 : 2;
  }
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write("\ninterrupted: finishing running actions (Ctrl-C again to quit now)\n");
    controller.abort();
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
    return await command.run({
      positionals: parsed.positionals,
      values: parsed.values,
      stdout: process.stdout,
      stderr: process.stderr,
      signal: controller.signal,
    });
  } catch (error) {
    const tag = (error as { _tag?: string })._tag;
    process.stderr.write(`${tag !== undefined ? `${tag}: ` : ""}${(error as Error).message}\n`);
    // A server that cannot be reached, or a URL that names none, is a usage problem: exit 2 as for bad flags.
    return tag === "Unreachable" || tag === "InvalidClusterUrl" ? 2 : 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
