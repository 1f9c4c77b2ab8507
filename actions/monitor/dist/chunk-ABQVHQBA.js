import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
import{a as o}from"./chunk-LCTCIA56.js";import"./chunk-AFQ2VAGG.js";import"./chunk-TQRQ7H2Q.js";import{e}from"./chunk-ETFAOM4C.js";var r=e(o(),1);var export_STSClient=r.STSClient;export{export_STSClient as STSClient};
