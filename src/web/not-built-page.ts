/** The answer of /app when dist/web is missing (a build that skipped the front): what to run. */
export function notBuiltPage(): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Extranet non construit — Relance</title>
</head>
<body>
<main>
<h1>L’extranet n’est pas construit</h1>
<p>Lancez <code>npm run build</code> puis redémarrez Relance.</p>
<p lang="en">The extranet is not built: run <code>npm run build</code>, then restart Relance.</p>
</main>
</body>
</html>
`;
}
