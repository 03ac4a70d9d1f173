// A tiny runner for the plain-Node self-tests of the sync harness (not Playwright specs):
// named checks run in order, each printed with its outcome; the exit code says whether all passed.

/** Runs `checks` ([name, async fn]) in order; `cleanup` always runs; sets the exit code. */
export async function run(title, checks, cleanup) {
  console.log(title);
  let failed = 0;
  try {
    for (const [name, fn] of checks) {
      try {
        await fn();
        console.log(`  ok    ${name}`);
      } catch (e) {
        failed += 1;
        console.log(`  FAIL  ${name}\n        ${String(e.stack ?? e).split("\n").join("\n        ")}`);
      }
    }
  } finally {
    await cleanup?.();
  }
  console.log(failed ? `${failed} of ${checks.length} checks failed` : `all ${checks.length} checks passed`);
  process.exitCode = failed ? 1 : 0;
}

/** fetch with a JSON body and a parsed JSON answer: { status, headers, json, text }. */
export async function http(method, url, { headers = {}, body } = {}) {
  const res = await fetch(url, {
    method,
    headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON (e.g. an empty 204)
  }
  return { status: res.status, headers: res.headers, json, text };
}
