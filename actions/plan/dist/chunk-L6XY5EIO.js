import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
import{a as r}from"./chunk-NWXM2SAB.js";import"./chunk-SRKWRE3J.js";import"./chunk-XMFDUSKU.js";import{e}from"./chunk-ETFAOM4C.js";var t=e(r(),1);var export_EventBridgeClient=t.EventBridgeClient;export{export_EventBridgeClient as EventBridgeClient};
