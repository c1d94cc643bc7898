const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/**
 * Vietnamese names are filed by the given name (the last word), then by the rest as written
 * (family name, middle names): "Trần Văn An" comes before "Lê Thị Bình".
 */
export function compareVietnameseNames(a: string, b: string): number {
  const [ga, ra] = splitName(a);
  const [gb, rb] = splitName(b);
  return collator.compare(ga, gb) || collator.compare(ra, rb) || collator.compare(a, b);
}

function splitName(full: string): [given: string, rest: string] {
  const words = full.trim().split(/\s+/);
  const given = words.pop() ?? '';
  return [given, words.join(' ')];
}

/** Sorts items by a Vietnamese name, stable for equal names (then by `tie`). */
export function sortByVietnameseName<T>(items: T[], name: (t: T) => string, tie: (t: T) => string): T[] {
  return [...items].sort((x, y) => compareVietnameseNames(name(x), name(y)) || collator.compare(tie(x), tie(y)));
}
