/**
 * A page as Baton sent it, taken apart for the minimal Remix baseline: the <html> and <body> attributes, and the
 * markup of <head> and <body> without what Remix's <Scripts /> adds (its scripts, with the loader data, and the
 * modulepreload links), which the baseline's own <Scripts /> renders again for its one route.
 */
export function pageParts(html: string) {
  const attribute = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
  const htmlTag = /<html\b([^>]*)>/.exec(html)?.[1] ?? "";
  const body = /<body\b([^>]*)>([\s\S]*)<\/body>/.exec(html);
  const withoutRemix = (markup: string) => markup.replace(/<script\b[\s\S]*?<\/script>/g, "").replace(/<link\b[^>]*\brel="modulepreload"[^>]*>/g, "");
  return {
    lang: attribute(htmlTag, "lang") ?? "en",
    htmlClass: attribute(htmlTag, "class"),
    bodyClass: attribute(body?.[1] ?? "", "class"),
    head: withoutRemix(/<head>([\s\S]*?)<\/head>/.exec(html)?.[1] ?? ""),
    body: withoutRemix(body?.[2] ?? ""),
  };
}
