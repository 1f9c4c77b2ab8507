import { createRequire as __stewardRequire } from 'node:module'; const require = __stewardRequire(import.meta.url);
import{c as i,g as o}from"./chunk-GCN4ZLXN.js";var d="(?:[^\\S\\r\\n]|[\\u0085\\u180e])",c=new RegExp(`^${d}*$`),x=new RegExp(`^${d}*(?::|#|##)$`);function O(l){let e="",n=!0;return{write(f){let t=e+f;e="";let r=Math.max(t.lastIndexOf(`
`),t.lastIndexOf("\r")),a=t.slice(r+1);if((r>=0||n)&&x.test(a)&&(e=a,t=t.slice(0,r+1)),t==="")return;let s=i(o(t),n);l(s);let u=Math.max(s.lastIndexOf(`
`),s.lastIndexOf("\r"));n=u>=0?c.test(s.slice(u+1)):n&&c.test(s)},flush(){e&&l(i(o(e),n)),e=""}}}export{O as a};
