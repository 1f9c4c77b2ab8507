import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
function o(n,i){let r=e=>`${e.file}\0${e.path}\0${e.code}\0${e.message}`,t=new Set(n.filter(e=>e.severity==="error").map(r));return i.filter(e=>e.severity==="error"&&!t.has(r(e)))}export{o as a};
