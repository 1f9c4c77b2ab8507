import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
import{a as o}from"./chunk-HL3QXT42.js";import"./chunk-SRKWRE3J.js";import"./chunk-XMFDUSKU.js";import{e}from"./chunk-ETFAOM4C.js";var r=e(o(),1);var export_STSClient=r.STSClient;export{export_STSClient as STSClient};
