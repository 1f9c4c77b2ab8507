// Worker thread body for parallelChecker: checks its share of the files and posts the results.
import { parentPort, workerData } from "node:worker_threads";
import { sequentialChecker } from "../../commands/load-repo.js";
import { fsRepoFiles } from "./repo-files.js";

const { root, paths } = workerData as { root: string; paths: string[] };
const { checks, texts } = await sequentialChecker(fsRepoFiles(root), paths);
parentPort!.postMessage({ checks, texts: texts instanceof Map ? [...texts] : [] });
