import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
function m(e,n,a){let t=a*1e3,r=Math.floor(+e/t)*t;return{start:Math.floor((r-n*1e3)/t)*t,end:r}}function u(e,n){return Math.max(0,Math.ceil((e.end-e.start)/(n*1e3)))}export{m as a,u as b};
