// No line over 140 characters in the tracked source files. Biome wraps code at 120 columns but leaves long strings,
// template literals and comments alone; this catches those. Prints file:line for each and exits 1 if there are any.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";

const MAX = 140;
const files = execFileSync("git", ["ls-files", "-z", "--", "*.ts", "*.tsx", "*.js", "*.mjs"], { encoding: "utf8" })
  .split("\0")
  .filter((file) => file && existsSync(file));

let long = 0;
for (const file of files) {
  const lines = readFileSync(file, "utf8").split(/\r?\n/);
  for (const [i, line] of lines.entries()) {
    // Characters, not UTF-16 units or bytes: å, ä and ö count as one.
    const length = [...line].length;
    if (length > MAX) {
      console.log(`${file}:${i + 1}: ${length} characters`);
      long += 1;
    }
  }
}
if (long) {
  console.error(`${long} line(s) longer than ${MAX} characters: wrap them.`);
  process.exit(1);
}
console.log(`line length: ${files.length} files, none over ${MAX} characters`);
