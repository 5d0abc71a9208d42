import { renderToStaticMarkup } from "react-dom/server";
import { absolute, type MessageContent } from "./content";

export type RenderedEmail = { text: string; html: string };
/** The organisation's look (../branding): its name, colour for the header and button, and logo as an absolute URL. */
type EmailBrand = { name: string; color: string | null; logoUrl: string | null };
type Frame = { name: string; origin: string; unsubscribe?: { url: string; kindLabel: string }; brand?: EmailBrand };

const BATON_BLUE = "#1d4ed8";
const brandName = (frame: Frame) => frame.brand?.name ?? "Baton";

/** The layout every e-mail shares; each kind's template only decides the content (templates.ts). */
export function renderEmail(content: MessageContent, frame: Frame): RenderedEmail {
  return { text: renderText(content, frame), html: "<!doctype html>" + renderToStaticMarkup(<EmailHtml content={content} frame={frame} />) };
}

function renderText(content: MessageContent, frame: Frame): string {
  const parts = [`Hello ${frame.name},`, ...content.lines];
  if (content.items?.length) parts.push(content.items.map((i) => `- ${i.text}${i.detail ? ` (${i.detail})` : ""}`).join("\n"));
  if (content.action) parts.push(`${content.action.label}: ${absolute(content.action.path, frame.origin)}`);
  parts.push(
    frame.unsubscribe
      ? `--\n${brandName(frame)} · ${frame.origin}\nYou get this because of your settings for "${frame.unsubscribe.kindLabel}". Stop these e-mails: ${frame.unsubscribe.url}`
      : `--\n${brandName(frame)} · ${frame.origin}`,
  );
  return parts.join("\n\n") + "\n";
}

const font = "font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; color: #0f172a;";

function EmailHtml({ content, frame }: { content: MessageContent; frame: Frame }) {
  const color = frame.brand?.color ?? BATON_BLUE;
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{content.subject}</title>
      </head>
      <body style={{ margin: 0, padding: "24px", background: "#f8fafc" }}>
        <div style={{ maxWidth: "560px", margin: "0 auto", background: "#ffffff", border: "1px solid #e2e8f0", borderRadius: "8px", padding: "24px" }}>
          <p style={{ ...css(font), margin: "0 0 16px", fontWeight: 700, color }}>
            {frame.brand?.logoUrl ? (
              <img
                src={frame.brand.logoUrl}
                alt={brandName(frame)}
                height={32}
                style={{ height: "32px", width: "auto", verticalAlign: "middle", marginRight: "8px" }}
              />
            ) : null}
            <span style={{ verticalAlign: "middle" }}>{brandName(frame)}</span>
          </p>
          <p style={css(font)}>Hello {frame.name},</p>
          {content.lines.map((line, i) => (
            <p key={i} style={css(font)}>
              {line}
            </p>
          ))}
          {content.items?.length ? (
            <ul style={css(font)}>
              {content.items.map((item, i) => (
                <li key={i}>
                  {item.text}
                  {item.detail ? <span style={{ color: "#475569" }}> ({item.detail})</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
          {content.action ? (
            <p style={{ margin: "24px 0" }}>
              <a
                href={absolute(content.action.path, frame.origin)}
                // The font's colour first: the button's white text must win.
                style={{
                  ...css(font),
                  background: color,
                  color: "#ffffff",
                  padding: "10px 16px",
                  borderRadius: "6px",
                  textDecoration: "none",
                  fontWeight: 600,
                }}
              >
                {content.action.label}
              </a>
            </p>
          ) : null}
          <p style={{ fontSize: "12px", color: "#64748b", marginTop: "32px", ...css(font) }}>
            {brandName(frame)} · <a href={frame.origin}>{frame.origin}</a>
            {frame.unsubscribe ? (
              <>
                <br />
                You get this because of your settings for “{frame.unsubscribe.kindLabel}”. <a href={frame.unsubscribe.url}>Stop these e-mails</a>
              </>
            ) : null}
          </p>
        </div>
      </body>
    </html>
  );
}

/** Inline styles from a CSS string (mail clients ignore style sheets). */
function css(text: string): React.CSSProperties {
  return Object.fromEntries(
    text
      .split(";")
      .map((d) => d.split(":").map((s) => s.trim()))
      .filter(([k, v]) => k && v)
      .map(([k, v]) => [k!.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), v]),
  ) as React.CSSProperties;
}
