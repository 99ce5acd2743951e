// Lints source texts as if they stood at the given paths, with the project's ESLint config,
// and prints each one's messages as JSON. Run as a child process because ESLint loads its
// ESM config through a dynamic import that Jest's module sandbox does not allow.
// stdin: [{ "path": "workflows/x.ts", "source": "…" }]  stdout: [["rule: message", …], …]
import { ESLint } from 'eslint';
import { resolve } from 'node:path';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'));
// The texts are not files of the TypeScript project, so the type-aware rules (which need
// the project's types) are off for them; every other rule of the config applies as is.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/await-thenable': 'off',
    },
  },
});
const out = [];
for (const { path, source } of cases) {
  const [result] = await eslint.lintText(source, { filePath: resolve(path) });
  out.push(result.messages.map((m) => `${m.ruleId}: ${m.message}`));
}
process.stdout.write(JSON.stringify(out));
