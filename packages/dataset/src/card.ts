/**
 * `card.md`: what a dataset is, its counts and durations per split, sources, license and caveats, in the
 * spirit of dataset cards (Gebru et al., "Datasheets for Datasets"). Deterministic text: no dates or hosts.
 */
import type { Json } from "@choreo/core";

interface CardParams {
  readonly name: string;
  readonly recipe: string;
  readonly fps: number;
  readonly sources: readonly Record<string, Json>[];
  readonly features: Readonly<Record<string, string>>;
  readonly card: {
    summary: string;
    license: string;
    caveats: readonly string[];
    dropped?: Readonly<Record<string, number>>;
  };
}

export function renderCard(params: CardParams, splits: Readonly<Record<string, Json>>): string {
  const rows = Object.entries(splits).map(([name, s]) => {
    const split = s as { items: number; tensors: Record<string, { shape: number[] }> };
    const first = Object.values(split.tensors).find((t) => t.shape.length >= 2);
    const frames = first?.shape[1] ?? 0;
    return `| ${name} | ${split.items} | ${((split.items * frames) / params.fps).toFixed(1)} |`;
  });
  const tensors = Object.entries(splits)[0]?.[1] as
    { tensors: Record<string, { dtype: string; shape: number[] }> } | undefined;
  const tensorRows = Object.entries(tensors?.tensors ?? {}).map(
    ([name, t]) =>
      `| ${name} | ${t.dtype} | [${t.shape.slice(1).join(", ")}] | ${params.features[name] ?? ""} |`,
  );
  const dropped = Object.entries(params.card.dropped ?? {}).filter(([, n]) => n > 0);
  return [
    `# ${params.name}`,
    "",
    params.card.summary,
    "",
    `Recipe \`${params.recipe}\`, ${params.fps} fps, ${params.sources.length} sources.`,
    "",
    "## Splits",
    "",
    "| split | items | seconds |",
    "|---|---|---|",
    ...rows,
    "",
    "## Tensors (per item)",
    "",
    "| name | dtype | shape | what |",
    "|---|---|---|---|",
    ...tensorRows,
    "",
    ...(dropped.length > 0 ? ["## Dropped", "", ...dropped.map(([why, n]) => `- ${n} × ${why}`), ""] : []),
    "## License",
    "",
    params.card.license,
    "",
    "## Caveats",
    "",
    ...params.card.caveats.map((c) => `- ${c}`),
    "",
  ].join("\n");
}
