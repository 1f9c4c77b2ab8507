import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
import{a as t}from"./chunk-QTO5Q23H.js";import"./chunk-SRKWRE3J.js";import"./chunk-XMFDUSKU.js";import{e as o}from"./chunk-ETFAOM4C.js";var e=o(t(),1);var export_CloudWatchClient=e.CloudWatchClient;export{export_CloudWatchClient as CloudWatchClient};
