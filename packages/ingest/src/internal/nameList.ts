/** Line lists (AIST++ splits, ignore lists, video lists): trimmed lines, blanks dropped, CRLF accepted. */
export function parseNameList(text: string, options: { comments?: boolean } = {}): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !(options.comments === true && line.startsWith("#")));
}
