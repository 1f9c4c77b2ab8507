import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
import{a}from"./chunk-Y7UUAKLL.js";import"./chunk-LKZJFMQX.js";import"./chunk-PA34RNCL.js";import"./chunk-QTO5Q23H.js";import"./chunk-SRKWRE3J.js";import"./chunk-XMFDUSKU.js";import"./chunk-ETFAOM4C.js";export{a as cloudWatchDashboards};
