import MarkdownIt from "markdown-it";

// html:false escapes any HTML a coordinator types; markdown-it's own link check drops javascript: and data: URLs.
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

/** `{{name}}` placeholders in guidance text, filled from the municipality's settings before rendering. */
export function fillPlaceholders(text: string, values: Record<string, string>) {
  return text.replace(/\{\{\s*([a-zA-Z]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

export function renderMarkdown(text: string, values: Record<string, string> = {}) {
  return markdown.render(fillPlaceholders(text, values));
}
