// Worker thread body for parallelChecker: checks its share of the files and posts the results.
import { parentPort, workerData } from "node:worker_threads";
import { sequentialChecker } from "../../commands/load-repo.js";
import { fsRepoFiles } from "./repo-files.js";
import { UserError } from "../../core/errors.js";

const { root, paths, maxBytes } = workerData as { root: string; paths: string[]; maxBytes: number };
try {
  const { checks, texts } = await sequentialChecker(fsRepoFiles(root, { maxBytes }), paths);
  parentPort!.postMessage({ checks, texts: texts instanceof Map ? [...texts] : [] });
} catch (err) {
  // A refused file is the user's to fix: its message crosses to the main thread, which throws it again as a UserError.
  if (err instanceof UserError) parentPort!.postMessage({ userError: err.message });
  else throw err;
}
