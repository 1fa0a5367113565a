'use strict';
// Packages the suite's extensions (sources in extensions/) into real VSIX files with vsce's public API
// (createVSIX = `vsce package`), all in one Node process: much faster than one vsce CLI start per file.
// Usage: node build-vsix.js VSCE_MODULE_DIR OUT_DIR
// Output: OUT_DIR/{publisher}.{name}-{version}[@{target}].vsix and OUT_DIR/packages.txt listing them.
const fs = require('fs');
const path = require('path');

const [vsceDir, outArg] = process.argv.slice(2);
const vsce = require(path.resolve(vsceDir));
const here = __dirname;
const out = path.resolve(outArg);

// dir, version, options (the `vsce package` flags: --target, --pre-release)
const MATRIX = [
  ['hello', '0.0.1', {}],
  ['hello', '0.0.2', {}],
  ['native', '1.0.0', { target: 'linux-x64' }],
  ['native', '1.0.0', { target: 'win32-x64' }],
  ['lib', '1.0.0', {}],
  ['needs', '1.0.0', {}],
  ['theme', '1.0.0', {}],
  ['snippets', '1.0.0', {}],
  ['pack', '1.0.0', {}],
  ['preview', '0.2.0', {}],
  ['preview', '0.3.0', { preRelease: true }],
  ['never', '1.0.0', {}],
];

async function main() {
  fs.mkdirSync(out, { recursive: true });
  const src = path.join(out, 'src');
  fs.rmSync(src, { recursive: true, force: true });
  const names = [];
  for (const [dir, version, options] of MATRIX) {
    const work = path.join(src, `${dir}-${version}${options.target ? '-' + options.target : ''}`);
    fs.cpSync(path.join(here, 'extensions', dir), work, { recursive: true });
    fs.copyFileSync(path.join(here, 'extensions', 'LICENSE'), path.join(work, 'LICENSE'));
    fs.writeFileSync(path.join(work, '.vscodeignore'), '.vscodeignore\n');
    fs.writeFileSync(path.join(work, 'CHANGELOG.md'), `# Change log\n\n## ${version}\n\nBuilt for the acceptance suite.\n`);
    const manifestPath = path.join(work, 'package.json');
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
    manifest.version = version;
    fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
    const file = `${manifest.publisher}.${dir}-${version}${options.target ? '@' + options.target : ''}.vsix`;
    await vsce.createVSIX({
      cwd: work, packagePath: path.join(out, file), dependencies: false, allowMissingRepository: true, ...options,
    });
    names.push(file);
  }
  fs.rmSync(src, { recursive: true, force: true });
  fs.writeFileSync(path.join(out, 'packages.txt'), names.join('\n') + '\n');
}

main().catch((e) => { console.error(`build-vsix: ${e && e.stack || e}`); process.exit(1); });
