import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
import{a}from"./chunk-CIB2RKOM.js";import"./chunk-LKZJFMQX.js";import"./chunk-PA34RNCL.js";import"./chunk-HL3QXT42.js";import"./chunk-SRKWRE3J.js";import"./chunk-XMFDUSKU.js";import"./chunk-ETFAOM4C.js";export{a as stsIdentity};
