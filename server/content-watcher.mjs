// Development only: rebuild the course library when content/ changes. The server re-reads the catalog
// when its file changes, so an author sees an edit on the next page load.
import { spawn } from "node:child_process";
import { watch } from "node:fs";

export function watchContent(dir = "content") {
  let timer;
  let running = false;
  let again = false;
  const build = () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/content-build.ts"], { stdio: "inherit" });
    child.on("exit", () => {
      running = false;
      if (again) {
        again = false;
        build();
      }
    });
  };
  watch(dir, { recursive: true }, (_event, file) => {
    if (!file || !/\.(mdx|ya?ml)$/.test(file)) return;
    clearTimeout(timer);
    timer = setTimeout(build, 150);
  });
  console.log(`Watching ${dir}/ for course changes`);
}
