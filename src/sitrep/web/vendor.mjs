// Copy front-end libraries from node_modules/ into static/vendor/ (run by `npm ci` as postinstall).
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const vendor = join(here, "static", "vendor");

// [package, directory inside the package, files to copy, target directory name]
const COPIES = [
  ["leaflet", "dist", ["leaflet.js", "leaflet.css", "images"], "leaflet"],
  ["leaflet", "", ["LICENSE"], "leaflet"],
  ["swagger-ui-dist", "", ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE"], "swagger-ui"],
];

for (const [pkg, sub, files, target] of COPIES) {
  const src = join(here, "node_modules", pkg, sub);
  if (!existsSync(src)) {
    console.warn(`${pkg} is not installed (yet): not vendored`);
    continue;
  }
  const dst = join(vendor, target);
  mkdirSync(dst, { recursive: true });
  for (const name of files) {
    cpSync(join(src, name), join(dst, name), { recursive: true });
  }
}
console.log(`vendored front-end libraries into ${vendor}`);
