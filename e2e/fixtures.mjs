// The test and expect every end-to-end test uses: Playwright's, plus a watch on every page of
// the test for a Rust panic or an uncaught error. The release build aborts on panic, so a panic
// is a dead app, whatever the test was checking; it fails the test that caused it.
import { test as base, expect } from "@playwright/test";

/** Collects panics and uncaught errors of every page of `context` into the returned list. */
export function watchCrashes(context) {
  const crashes = [];
  const watch = (page) => {
    page.on("pageerror", (e) => crashes.push(`uncaught: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error" && m.text().includes("panicked at")) crashes.push(m.text().split("\n")[0]);
    });
  };
  context.pages().forEach(watch);
  context.on("page", watch);
  return crashes;
}

export const test = base.extend({
  context: async ({ context }, use) => {
    const crashes = watchCrashes(context);
    await use(context);
    expect(crashes, "the app crashed").toEqual([]);
  },
});

export { expect };
