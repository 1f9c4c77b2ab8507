import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
import{a as r}from"./chunk-EP6BYMAN.js";import{e as o}from"./chunk-OQBAXXEU.js";function u(i,s){let e=new Map;return async(t,a,p)=>(e.has(t.file)||e.set(t.file,o(i,t.name,t.file,s)),r(await e.get(t.file),a,p)?.commit.date)}export{u as a};
