import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
import{a}from"./chunk-MMSBJ4VH.js";import"./chunk-OCR5IYBC.js";import"./chunk-LKZJFMQX.js";import"./chunk-PA34RNCL.js";import"./chunk-AFQ2VAGG.js";import"./chunk-TQRQ7H2Q.js";import"./chunk-ETFAOM4C.js";export{a as cloudWatchDashboards};
