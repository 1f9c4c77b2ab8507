import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
import{a,b}from"./chunk-V3B3MNU6.js";import"./chunk-ETFAOM4C.js";export{a as StewardOctokit,b as createOctokit};
