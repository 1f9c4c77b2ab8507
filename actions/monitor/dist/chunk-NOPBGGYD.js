import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
import{a as r}from"./chunk-NTAGUD6I.js";import"./chunk-AFQ2VAGG.js";import"./chunk-TQRQ7H2Q.js";import{e}from"./chunk-ETFAOM4C.js";var t=e(r(),1);var export_EventBridgeClient=t.EventBridgeClient;export{export_EventBridgeClient as EventBridgeClient};
