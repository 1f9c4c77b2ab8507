import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
import{a as i,b as o}from"./chunk-EQNV6HDZ.js";function c(n){return n===""?"":o(n)}function p(n){return i(n)}function u(n,l,s){let e=n.map((t,m)=>({l:"---",r:"---:",c:":---:"})[s?.[m]??"l"]),r=t=>`| ${t.map(c).join(" | ")} |`;return[r(n),`| ${e.join(" | ")} |`,...l.map(r)].join(`
`)}export{c as a,p as b,u as c};
