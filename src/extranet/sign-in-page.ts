/** HTML-escapes text for an attribute or an element. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * The page an e-mailed link opens: one button that posts the token. Following a link (a
 * mail scanner does) uses nothing up; pressing the button signs in. No script; French
 * first, English below; readable on a phone.
 */
export function signInPage(token: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Connexion à l'extranet — Relance</title>
<style>
body { font: 1.05rem/1.5 system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #f5f6f8; }
main { max-width: 30rem; margin: 3rem auto; padding: 2rem 1.5rem; background: #fff; border-radius: .5rem; }
h1 { font-size: 1.4rem; margin-top: 0; }
button { font: inherit; font-weight: 600; color: #fff; background: #1d4ed8; border: 0; border-radius: .375rem; padding: .75rem 1.5rem; cursor: pointer; width: 100%; }
button:focus-visible { outline: 3px solid #111; outline-offset: 3px; }
p[lang="en"] { color: #444; }
</style>
</head>
<body>
<main>
<h1>Connexion à l'extranet bailleurs</h1>
<p>Ce lien personnel ne sert qu'une fois. Appuyez sur le bouton pour ouvrir votre session.</p>
<p lang="en">This personal link works once. Press the button to sign in.</p>
<form method="post" action="/auth/landlord/sign-in">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<button type="submit">Se connecter <span lang="en">/ Sign in</span></button>
</form>
</main>
</body>
</html>
`;
}
