// Builds dist/ from the server's own embed script (one source, never a copy
// kept by hand) and TypeScript types generated from the server's OpenAPI schema.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const dist = join(here, "dist");
mkdirSync(dist, { recursive: true });

// As the server's /embed/v1.mjs does (thankyou/api/embed.py): imported, the
// script has no tag of its own; the server's URL stands in for the tag's.
const TAG = "d.currentScript";
const source = readFileSync(join(root, "thankyou/static/thankyou/embed/embed.js"), "utf8");
if (source.split(TAG).length !== 2) throw new Error(`embed.js must read its tag once, as ${TAG}`);
writeFileSync(
  join(dist, "index.js"),
  `// Built by build.mjs from the server's embed script: do not edit.
let embed = null;

function start(server) {
  var thankyouTag = { src: server + "/embed/v1.js", dataset: {}, getAttribute: function () {} };
${source.replace(TAG, "thankyouTag")}
  return window.thankyou;
}

/** Show the thank-you content in target; never throws, resolves to the host element or null. */
export function render(options) {
  try {
    if (!options || !options.server) throw new Error("render() needs the server's URL as server");
    embed = embed || start(String(options.server).replace(/\\/+$/, ""));
    return embed.render(options);
  } catch (e) {
    try { console.warn("[thankyou] not shown: " + e.message); } catch (x) { /* no console */ }
    return Promise.resolve(null);
  }
}
`,
);

// The schema as the server describes it (manage.py spectacular), then its types.
const python = process.env.PYTHON || join(root, ".venv", "bin", "python");
const schema = join(mkdtempSync(join(tmpdir(), "thankyou-schema-")), "schema.yaml");
execFileSync(python, ["manage.py", "spectacular", "--file", schema], { cwd: root, stdio: "inherit" });
execFileSync(join(here, "node_modules", ".bin", "openapi-typescript"), [schema, "-o", join(dist, "api.d.ts")], {
  stdio: "inherit",
});
copyFileSync(join(here, "src", "index.d.ts"), join(dist, "index.d.ts"));
