// Worker thread body for workerEvaluator: evaluates its packed chunk of jobs and posts the verdicts, in order.
import { parentPort, workerData } from "node:worker_threads";
import { evaluatePacked, type PackedJobs } from "./packed-jobs.js";

parentPort!.postMessage(evaluatePacked(workerData as PackedJobs));
