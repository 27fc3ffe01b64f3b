/**
 * The one place an action reads its form. Browsers send forms url-encoded or as multipart; anything else (a JSON body,
 * a cut-off multipart) is the client's mistake, answered 415 or 400 with the localized error page, never a 500.
 */
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

// PostgreSQL refuses U+0000 in text and jsonb; a NUL has no meaning in anything a person types, so it is dropped.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching NUL is the point
const NUL = /\u0000/g;
// A textarea sends each line break as CRLF but counts it as one character against its maxLength: stored as LF, a
// text filled to the limit in the page is within the limit on the server too.
const CRLF = /\r\n?/g;

export async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type")?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!FORM_TYPES.includes(type)) throw new Response(null, { status: 415, statusText: "Unsupported Media Type" });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response(null, { status: 400, statusText: "Bad Request" });
  }
  const clean = new FormData();
  for (const [name, value] of form) {
    clean.append(name.replace(NUL, ""), typeof value === "string" ? value.replace(NUL, "").replace(CRLF, "\n") : value);
  }
  return clean;
}
